package io.mockdocker.internal.engine;

/**
 * A snapshot of an exec instance: its ID, the container's full ID, whether it runs, its exit code ({@code null}
 * until it exited), its fake PID ({@code 0} before the start) and what it runs.
 */
public record ExecInstance(String id, String containerId, boolean running, Integer exitCode, int pid,
    ExecConfig config) {}
