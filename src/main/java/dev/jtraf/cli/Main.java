package dev.jtraf.cli;

import dev.jtraf.source.NativeLib;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Entry point: sets up logging to a file first (nothing may log to the terminal), then parses
 * the command line and maps every failure to one line and an exit code.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args);
        NativeLib.awaitBackgroundLoad(); // ~10 ms from start: long done, unless the run was very short
        System.exit(code);
    }

    /** Runs jtraf and returns its exit code (tests call this directly). */
    public static int run(String[] args) {
        Path log = LogSetup.configure(logFileFrom(args));
        Thread logInit = LogSetup.initialiseInBackground();
        NativeLib.loadInBackground();
        JtrafCommand command = new JtrafCommand(log);
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
        LogSetup.awaitInitialised(logInit); // picocli's model was built meanwhile; nothing has logged yet
        return cl.execute(args);
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
