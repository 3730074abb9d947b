package io.mockdocker.api;

/** The handler of one route: reads the call, answers through it, or throws a daemon error. */
@FunctionalInterface
interface Endpoint {
  void handle(Call call) throws Exception;
}
