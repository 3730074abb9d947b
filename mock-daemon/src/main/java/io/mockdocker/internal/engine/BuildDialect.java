package io.mockdocker.internal.engine;

/**
 * What differs between the era's builder (v0.4.4) and today's classic builder, as data.
 *
 * <p>{@code ERA}: FROM, MAINTAINER, RUN, ENV, CMD, EXPOSE, ADD; COPY and INSERT refused; containers left behind;
 * a FROM without a tag pulls every tag ({@link BuildOperation}). {@code CLASSIC}: today's classic builder
 * ({@link ClassicBuild}): stages, build arguments, substitution, COPY, WORKDIR, ENTRYPOINT, LABEL, USER, ARG,
 * VOLUME, SHELL, ONBUILD, backslash continuations, RUN output reported, intermediate containers removed when asked,
 * a FROM without a tag means {@code latest}, names may carry a registry host.
 */
public enum BuildDialect {
  ERA(false),
  CLASSIC(true);

  final boolean modern;

  BuildDialect(boolean modern) {
    this.modern = modern;
  }
}
