package dev.jtraf.cli;

import dev.jtraf.source.NativeLib;
import dev.jtraf.view.dump.DumpOutput;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Entry point: sets up logging to a file first (nothing may log to the terminal), then parses
 * the command line and maps every failure to one line and an exit code.
 */
public final class Main {
    private Main() {
    }

    /** The shim's loading thread of the last {@link #run}, or null. */
    private static volatile Thread nativeLoad;

    public static void main(String[] args) {
        int code = run(args, DumpOutput.stdout());
        awaitEnd(nativeLoad); // ~10 ms from start, long done; an exit during it would leave its temporary file
        System.exit(code);
    }

    /**
     * Runs jtraf and returns its exit code (tests call this directly, after pointing
     * {@code System.out} elsewhere; a dump then goes there, and a failed write is not told apart
     * from a closed pipe).
     */
    public static int run(String[] args) {
        return run(args, new DumpOutput(System.out, false));
    }

    /** Runs jtraf with a dump going to {@code stdout}; returns its exit code. */
    static int run(String[] args, DumpOutput stdout) {
        Path log = LogSetup.configure(logFileFrom(args));
        Thread logInit = LogSetup.initialiseInBackground();
        nativeLoad = NativeLib.loadInBackground();
        JtrafCommand command = new JtrafCommand(log, stdout);
        CommandLine cl = new CommandLine(command);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("jtraf: " + ex.getMessage() + " (see jtraf --help)");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            org.slf4j.LoggerFactory.getLogger(Main.class).error("internal error", ex);
            System.err.println("jtraf: internal error: " + ex + " (details in " + log + ")");
            return ExitCodes.INTERNAL;
        });
        // help and version go through the same output as a dump, so that a failed write is told
        cl.setOut(new PrintWriter(stdout.printer(), true));
        awaitEnd(logInit); // picocli's model was built meanwhile; nothing has logged yet
        int code = cl.execute(args);
        stdout.flushPrinters();
        String unwritten = stdout.problem();
        if (code == ExitCodes.OK && unwritten != null) {
            System.err.println("jtraf: cannot write to standard output: " + unwritten + DumpOutput.hint(unwritten));
            return ExitCodes.OUTPUT_FAILED;
        }
        return code;
    }

    /** Waits until thread {@code t} (if any) has ended; an interrupt meanwhile is kept as the flag. */
    private static void awaitEnd(Thread t) {
        boolean interrupted = false;
        while (t != null && t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** --log-file must take effect before picocli (or anything) creates a logger. */
    private static Path logFileFrom(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--log-file") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--log-file=")) {
                return Path.of(args[i].substring("--log-file=".length()));
            }
        }
        return LogSetup.defaultLogFile();
    }
}
