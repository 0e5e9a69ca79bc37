package dev.keel.hw;

/**
 * Where the kernel's trace events go: a second, write-only byte line kept apart from the console
 * (COM2 in the image, a buffer in the simulated machine). Off unless the machine was started with
 * tracing on; the kernel tests {@link #enabled} once and writes nothing when it is false.
 */
public interface TraceSink {

    /** Whether tracing was switched on for this run. */
    boolean enabled();

    /** Sends one byte; blocks until the line accepts it. */
    void write(int b);
}
