package dev.jtraf.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGINT/SIGTERM handling for the headless modes: on a signal, {@code onSignal} asks the run to
 * stop, and the JVM's exit then waits (up to 5 s) until the main thread has finished its final
 * output, which {@link #close} announces. Use in try-with-resources around the run.
 */
final class SignalStop implements AutoCloseable {
    /** A signal started the JVM's shutdown (this process's exit status is then 128 + signal). */
    private volatile boolean received;
    /** An exit status that a signal's 128 + signal must not replace, or {@link #NONE}. */
    private volatile int keptCode = NONE;
    private static final int NONE = -1;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    SignalStop(Runnable onSignal) {
        hook = new Thread(() -> {
            received = true;
            onSignal.run();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int code = keptCode; // set before close() counted down
            if (code != NONE) {
                halt(code);
            }
        }, "jtraf-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Makes {@code code} the exit status even if a signal ends the run, whose status would
     * otherwise be 128 + signal whatever the run returns (the hook ends the JVM as soon as
     * {@link #close} lets it). For a failure that status would hide (a dump that could not be
     * written), and for {@code --daemon}, whose normal end is a signal. The final output must be
     * done; call before {@link #close}. If the signal came already, the process ends here; if it
     * comes later, the hook ends it with {@code code}.
     */
    void keepExitCode(int code) {
        keptCode = code;
        if (received) {
            halt(code);
        }
    }

    /** Ends the JVM now with {@code code} (its shutdown's 128 + signal would replace it). */
    private static void halt(int code) {
        System.err.flush();
        Runtime.getRuntime().halt(code);
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
