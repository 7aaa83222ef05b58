package dev.jtraf.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGINT/SIGTERM handling for the headless modes: on a signal, {@code onSignal} asks the run to
 * stop, and the JVM's exit then waits (up to 5 s) until the main thread has finished its final
 * output, which {@link #close} announces. Use in try-with-resources around the run.
 */
final class SignalStop implements AutoCloseable {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    SignalStop(Runnable onSignal) {
        hook = new Thread(() -> {
            onSignal.run();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jtraf-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The main thread is done writing: a pending signal may now let the JVM exit. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down (a signal): the hook is running and waits for us
        }
    }
}
