package dev.jtraf.cli;

import dev.jtraf.capture.CaptureRun;
import dev.jtraf.capture.FileInterfaces;
import dev.jtraf.capture.FrameCounter;
import dev.jtraf.capture.InterfaceFilter;
import dev.jtraf.capture.InterfaceResolver;
import dev.jtraf.capture.LiveInterfaces;
import dev.jtraf.capture.SysfsInterfaces;
import dev.jtraf.source.PacketSource;
import dev.jtraf.source.PcapFileSource;
import dev.jtraf.source.PcapLiveSource;
import dev.jtraf.source.SourceException;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.InterfaceTable;
import dev.jtraf.view.dump.DumpFormat;
import dev.jtraf.view.dump.DumpWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code jtraf} command line: options, validation, and wiring of source, counting and view. */
@Command(name = "jtraf", mixinStandardHelpOptions = true, version = "jtraf 0.1.0",
        sortOptions = false, usageHelpWidth = 100,
        description = {"Live packet-traffic monitor for Docker hosts: per-interface statistics from libpcap,",
            "as a full-screen dashboard (default), a headless dump (--dump), or from a capture file (-r)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ran and ended normally", "1:internal error (see the log file)",
            "2:no permission to capture (CAP_NET_RAW, CAP_NET_ADMIN)",
            "3:bad command line or unknown interface", "4:capture file unreadable or of an unsupported link type",
            "5:capture file damaged or cut off (what was readable is printed)", "6:live capture failed"})
final class JtrafCommand implements Callable<Integer> {
    @Option(names = {"-i", "--interface"}, paramLabel = "NAME|GLOB",
            description = "Count this interface (repeatable; globs like 'veth*'). Default: every interface that is up.")
    List<String> includes = new ArrayList<>();

    @Option(names = {"-x", "--exclude"}, paramLabel = "NAME|GLOB", description = "Do not count this interface (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = {"-r", "--read"}, paramLabel = "FILE",
            description = "Replay a .pcap or .pcapng file instead of capturing live ('-' reads standard input).")
    Path readFile;

    @Option(names = "--speed", paramLabel = "max|Nx",
            description = "Replay pace: 'max' (default with --dump) or a multiple of recorded time, e.g. 1x (default in the dashboard), 2x, 0.5x.")
    String speed;

    @Option(names = "--dump", paramLabel = "text|csv|json",
            description = "Headless: print statistics every interval instead of the dashboard.")
    String dump;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds between dump blocks (packet time in replay). Default: ${DEFAULT-VALUE}.")
    int intervalSeconds;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Live: stop after this many seconds.")
    Long durationSeconds;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N counted frames.")
    Long count;

    @Option(names = "--window", paramLabel = "SECONDS", defaultValue = "5",
            description = "Activity (rate) moving-average window, 1-" + IfaceCounters.MAX_WINDOW + " s. Default: ${DEFAULT-VALUE}.")
    int window;

    @Option(names = "--snaplen", paramLabel = "BYTES", defaultValue = "256",
            description = "Live: bytes kept of each frame for decoding (counts always use the full length). Default: ${DEFAULT-VALUE}.")
    int snaplen;

    @Option(names = "--buffer", paramLabel = "MIB", defaultValue = "32",
            description = "Live: kernel capture buffer in MiB. Default: ${DEFAULT-VALUE}.")
    int bufferMiB;

    @Option(names = "--log-file", paramLabel = "PATH",
            description = "Log file (never the terminal). Default: $XDG_STATE_HOME/jtraf/jtraf.log or ~/.local/state/jtraf/jtraf.log.")
    Path logFileOption;

    private final Path logFile;

    JtrafCommand(Path logFile) {
        this.logFile = logFile;
    }

    @Override
    public Integer call() {
        String invalid = validate();
        if (invalid != null) {
            System.err.println("jtraf: " + invalid + " (see jtraf --help)");
            return ExitCodes.USAGE;
        }
        DumpFormat format;
        double pace;
        try {
            format = dump == null ? null : DumpFormat.parse(dump);
            pace = parseSpeed(speed, format != null || readFile == null);
        } catch (IllegalArgumentException e) {
            System.err.println("jtraf: " + e.getMessage() + " (see jtraf --help)");
            return ExitCodes.USAGE;
        }
        InterfaceFilter filter = new InterfaceFilter(includes, excludes);
        InterfaceTable table = new InterfaceTable();
        HeadlessRun headless = format == null ? null : new HeadlessRun(intervalSeconds, durationSeconds);
        PacketSource source;
        InterfaceResolver resolver;
        LiveInterfaces live = null;
        if (readFile != null) {
            source = new PcapFileSource(readFile, pace);
            resolver = new FileInterfaces(table, filter, window);
        } else {
            SysfsInterfaces sysfs = SysfsInterfaces.host();
            String missing = missingInterfaces(filter, sysfs);
            if (missing != null) {
                System.err.println("jtraf: " + missing);
                return ExitCodes.USAGE;
            }
            PcapLiveSource liveSource = new PcapLiveSource(snaplen, bufferMiB << 20);
            try {
                liveSource.open();
            } catch (SourceException e) {
                System.err.println("jtraf: " + e.getMessage());
                return ExitCodes.of(e);
            }
            source = liveSource;
            live = new LiveInterfaces(table, filter, sysfs, window);
            resolver = live;
        }
        long limit = count == null ? 0 : count;
        FrameCounter counter = new FrameCounter(table, resolver, intervalSeconds * 1_000_000_000L,
                headless != null && readFile != null ? headless::replayIntervalEnded : null, limit, source::stop);
        CaptureRun run = new CaptureRun(source, counter, table, live, window);
        if (headless != null) {
            DumpWriter writer = DumpWriter.create(format, System.out, readFile != null, intervalSeconds);
            return headless.run(run, writer);
        }
        return TuiRun.run(run, readFile, source);
    }

    private String validate() {
        if (intervalSeconds < 1) {
            return "--interval must be at least 1 second";
        }
        if (window < 1 || window > IfaceCounters.MAX_WINDOW) {
            return "--window must be between 1 and " + IfaceCounters.MAX_WINDOW + " seconds";
        }
        if (durationSeconds != null && durationSeconds < 1) {
            return "--duration must be at least 1 second";
        }
        if (count != null && count < 1) {
            return "--count must be at least 1";
        }
        if (snaplen < 64 || snaplen > 262144) {
            return "--snaplen must be between 64 and 262144 bytes";
        }
        if (bufferMiB < 1 || bufferMiB > 1024) {
            return "--buffer must be between 1 and 1024 MiB";
        }
        if (readFile != null && durationSeconds != null) {
            return "--duration applies to live capture; a replay ends at the end of the file";
        }
        if (readFile == null && speed != null) {
            return "--speed applies to replay (-r FILE)";
        }
        return null;
    }

    /** Parses --speed: "max" is 0, "2x" or "2" is 2.0. */
    static double parseSpeed(String s, boolean headlessDefault) {
        if (s == null) {
            return headlessDefault ? 0 : 1;
        }
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("max")) {
            return 0;
        }
        if (v.endsWith("x")) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            double d = Double.parseDouble(v);
            if (d > 0 && d <= 10_000) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("--speed takes 'max' or a multiple like 1x, 2x, 0.5x; got '" + s + "'");
    }

    /** Literal -i names must exist now (globs may match interfaces that appear later). */
    private static String missingInterfaces(InterfaceFilter filter, SysfsInterfaces sysfs) {
        TreeSet<String> present = new TreeSet<>();
        for (SysfsInterfaces.Entry e : sysfs.list()) {
            present.add(e.name());
        }
        for (String name : filter.literalIncludes()) {
            if (!present.contains(name)) {
                return "no interface named '" + name + "'; available: " + String.join(", ", present);
            }
        }
        return null;
    }

    Path logFile() {
        return logFile;
    }
}
