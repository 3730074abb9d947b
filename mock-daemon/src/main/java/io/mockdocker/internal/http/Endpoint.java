package io.mockdocker.internal.http;

/** The handler of one route of a view whose version rows are {@code V}: reads the call, answers through it, or throws a daemon error. */
@FunctionalInterface
public interface Endpoint<V> {
  void handle(Call<V> call) throws Exception;
}
