package dev.jtraf.cli;

import dev.jtraf.capture.CaptureRun;
import dev.jtraf.capture.FileInterfaces;
import dev.jtraf.capture.FrameCounter;
import dev.jtraf.capture.InterfaceFilter;
import dev.jtraf.capture.InterfaceResolver;
import dev.jtraf.capture.LiveInterfaces;
import dev.jtraf.capture.SysfsInterfaces;
import dev.jtraf.docker.DockerHost;
import dev.jtraf.docker.DockerWatcher;
import dev.jtraf.metrics.InterfaceTags;
import dev.jtraf.metrics.ListenAddress;
import dev.jtraf.metrics.MetricsExport;
import dev.jtraf.metrics.MetricsServer;
import dev.jtraf.metrics.TagSource;
import dev.jtraf.source.PacketSource;
import dev.jtraf.source.PcapFileSource;
import dev.jtraf.source.PcapLiveSource;
import dev.jtraf.source.SourceException;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.InterfaceLabel;
import dev.jtraf.stats.InterfaceLabels;
import dev.jtraf.stats.InterfaceTable;
import dev.jtraf.view.dump.DumpFormat;
import dev.jtraf.view.dump.DumpOutput;
import dev.jtraf.view.dump.DumpWriter;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code jtraf} command line: options, validation, and wiring of source, counting and view. */
@Command(name = "jtraf", mixinStandardHelpOptions = true, version = "jtraf 0.1.0",
        sortOptions = false, usageHelpWidth = 100,
        description = {"Live packet-traffic monitor for Docker hosts: per-interface statistics from libpcap,",
            "as a full-screen dashboard (default), a headless dump (--dump), or from a capture file (-r);",
            "--metrics serves Prometheus metrics in any mode, --daemon serves only those."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ran and ended normally", "1:internal error (see the log file)",
            "2:no permission to capture (CAP_NET_RAW, CAP_NET_ADMIN)",
            "3:bad command line, unknown interface, or no terminal for the dashboard", "4:capture file unreadable or of an unsupported link type",
            "5:capture file damaged or cut off (what was readable is printed)", "6:live capture failed",
            "7:cannot serve --metrics (port in use, or not an address of this host)",
            "8:cannot write the dump (disk full, I/O error; a closed pipe is a normal end)"})
final class JtrafCommand implements Callable<Integer> {
    /** 100 years: a larger --duration would overflow the nanosecond deadline. */
    static final long MAX_DURATION_SECONDS = 100L * 365 * 24 * 3600;

    @Option(names = {"-i", "--interface"}, paramLabel = "NAME|GLOB",
            description = "Count this interface (repeatable; globs like 'veth*'). A name without glob characters must"
                    + " exist. Default: every interface that is up, and every one that comes up later.")
    List<String> includes = new ArrayList<>();

    @Option(names = {"-x", "--exclude"}, paramLabel = "NAME|GLOB", description = "Do not count this interface (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = {"-r", "--read"}, paramLabel = "FILE",
            description = "Replay a .pcap or .pcapng file instead of capturing live ('-' reads standard input).")
    Path readFile;

    @Option(names = "--speed", paramLabel = "max|Nx",
            description = "Replay pace: 'max' (default with --dump) or a multiple of recorded time from 0.001x to 10000x,"
                    + " e.g. 1x (default in the dashboard), 2x, 0.5x (the x may be left out: 2 is 2x).")
    String speed;

    @Option(names = "--dump", paramLabel = "text|csv|json",
            description = "Headless: print statistics every interval instead of the dashboard.")
    String dump;

    @Option(names = "--metrics", paramLabel = "[ADDR:]PORT",
            description = "Serve Prometheus metrics at http://ADDR:PORT/metrics. ADDR defaults to 127.0.0.1; any other"
                    + " address exposes the interface names and traffic counts to that network.")
    String metrics;

    @Option(names = "--daemon",
            description = "No terminal: only serve --metrics, until SIGTERM/SIGINT (a replay keeps serving its totals"
                    + " after the end of the file). Logs go to the log file.")
    boolean daemon;

    /** Null when not given: then 1, and only a dump may be given one (see {@link #interval()}). */
    @Option(names = "--interval", paramLabel = "SECONDS",
            description = "Seconds between dump blocks (packet time in replay). Default: 1.")
    Integer intervalSeconds;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Live: stop after this many seconds (at most 100 years).")
    Long durationSeconds;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N counted frames.")
    Long count;

    @Option(names = "--window", paramLabel = "SECONDS", defaultValue = "5",
            description = "Activity (rate) moving-average window, 1-" + IfaceCounters.MAX_WINDOW + " s. Default: ${DEFAULT-VALUE}.")
    int window;

    /** Unset (null) unless given, so that a replay can refuse them as it refuses --duration. */
    @Option(names = "--snaplen", paramLabel = "BYTES",
            description = "Live: bytes kept of each frame for decoding, 64-262144 (counts always use the full length). Default: "
                    + DEFAULT_SNAPLEN + ".")
    Integer snaplen;

    @Option(names = "--buffer", paramLabel = "MIB",
            description = "Live: kernel capture buffer in MiB, 1-1024. Default: " + DEFAULT_BUFFER_MIB + ".")
    Integer bufferMiB;

    static final int DEFAULT_SNAPLEN = 256;
    static final int DEFAULT_BUFFER_MIB = 16;

    @Option(names = "--log-file", paramLabel = "PATH",
            description = "Log file (never the terminal). Default: jtraf.log in $XDG_STATE_HOME/jtraf or in"
                    + " ~/.local/state/jtraf; if unusable, /tmp/jtraf-UID.log.")
    Path logFileOption;

    private final Path logFile;
    /** Where a dump goes. */
    private final DumpOutput stdout;

    JtrafCommand(Path logFile, DumpOutput stdout) {
        this.logFile = logFile;
        this.stdout = stdout;
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
        ListenAddress metricsAt;
        try {
            format = dump == null ? null : DumpFormat.parse(dump);
            pace = parseSpeed(speed, format != null || daemon || readFile == null);
            metricsAt = metrics == null ? null : ListenAddress.parse(metrics);
        } catch (IllegalArgumentException e) {
            System.err.println("jtraf: " + e.getMessage() + " (see jtraf --help)");
            return ExitCodes.USAGE;
        }
        MetricsServer server = null;
        if (metricsAt != null) {
            try {
                server = MetricsServer.bind(metricsAt); // before any capture starts, so a busy port fails fast
            } catch (IOException e) {
                String msg = String.valueOf(e.getMessage());
                String hint = msg.contains("in use") ? " (choose another port)"
                        : msg.contains("ermission") && metricsAt.socketAddress().getPort() < 1024
                                ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE: choose one above 1023)"
                        : msg.contains("assign") ? " (not an address of this host: see ip -brief address)"
                        : unscopedLinkLocal(metricsAt.socketAddress().getAddress())
                                ? " (not a link-local address of this host: ip -6 address lists them; one may also be"
                                        + " named with its interface, [fe80::...%eth0]:PORT)" : "";
                System.err.println("jtraf: cannot serve metrics on " + metricsAt + ": " + e.getMessage() + hint);
                return ExitCodes.METRICS_UNAVAILABLE;
            }
        }
        try {
            return capture(format, pace, server, metricsAt != null && metricsAt.port() == 0);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** @param anyPort --metrics asked for any free port: a dump says which one it got */
    private int capture(DumpFormat format, double pace, MetricsServer server, boolean anyPort) {
        InterfaceFilter filter = new InterfaceFilter(includes, excludes);
        InterfaceTable table = new InterfaceTable();
        HeadlessRun headless = format == null ? null : new HeadlessRun(interval(), durationSeconds);
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
            PcapLiveSource liveSource = new PcapLiveSource(snaplen == null ? DEFAULT_SNAPLEN : snaplen,
                    (bufferMiB == null ? DEFAULT_BUFFER_MIB : bufferMiB) << 20);
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
        FrameCounter counter = new FrameCounter(table, resolver, interval() * 1_000_000_000L,
                headless == null ? null : readFile != null ? headless::replayIntervalEnded : headless::liveIntervalEnded,
                limit, source::stop);
        // Live only: container names for the host's interfaces (a replay's interfaces are not this host's).
        DockerWatcher docker = readFile == null ? startDocker(headless == null && !daemon) : null;
        DockerNotice notice = docker == null || (headless == null && !daemon) ? null
                : DockerNotice.atStart(docker, headless != null);
        CaptureRun run = new CaptureRun(source, counter, table, live, window, docker);
        try (MetricsExport export = server == null ? null
                : MetricsExport.create(table, () -> run.snapshot(false), docker == null ? TagSource.NONE : tags(docker))) {
            if (server != null) {
                server.start(export::scrape);
                if (headless != null && anyPort) {
                    // the dump's only line on stderr: which port "any free port" is (--daemon says it anyway)
                    System.err.println("jtraf: serving metrics on " + server.url());
                }
            }
            if (daemon) {
                return DaemonRun.run(run, server, durationSeconds, notice);
            }
            if (headless != null) {
                DumpWriter writer = DumpWriter.create(format, stdout.printer(format), readFile != null, interval(), docker);
                return headless.run(run, writer, stdout, notice);
            }
            return TuiRun.run(run, readFile, source, docker);
        } finally {
            if (docker != null) {
                docker.close();
            }
        }
    }

    /**
     * Starts following Docker. Without it jtraf works as before; why there are no container
     * names goes once to the log (the watcher's) and, for a dump, to stderr, as its stdout is
     * data ({@link DockerNotice}; the dashboard owns the terminal and shows it itself). A dump or
     * a daemon waits for the first view, so that its first block or scrape already names the
     * containers; the dashboard draws at once and names them when the view comes.
     */
    private static DockerWatcher startDocker(boolean dashboard) {
        DockerHost host = DockerHost.fromEnvironment();
        return dashboard ? DockerWatcher.startInBackground(host) : DockerWatcher.start(host);
    }

    /** Metrics tags from the interface labels. */
    private static TagSource tags(InterfaceLabels labels) {
        return (name, key) -> {
            InterfaceLabel l = labels.labelOf(name, key);
            return l.container() == null && l.network() == null ? InterfaceTags.NONE
                    : new InterfaceTags(l.container() == null ? "" : l.container(), l.network() == null ? "" : l.network());
        };
    }

    private String validate() {
        for (String option : new String[] {"-i", "-x"}) {
            for (String pattern : option.equals("-i") ? includes : excludes) {
                String problem = InterfaceFilter.globProblem(pattern);
                if (problem != null) {
                    return option + " '" + pattern + "' is not a valid glob (" + problem
                            + "); globs use * ? [abc] {a,b}, and \\ before a character takes it literally";
                }
            }
        }
        if (readFile != null && readFile.toString().isEmpty()) {
            return "-r needs a file name ('-' reads standard input)";
        }
        if (intervalSeconds != null && intervalSeconds < 1) {
            return "--interval must be at least 1 second";
        }
        if (intervalSeconds != null && dump == null) {
            return "--interval is the time between dump blocks: add --dump text|csv|json";
        }
        if (window < 1 || window > IfaceCounters.MAX_WINDOW) {
            return "--window must be between 1 and " + IfaceCounters.MAX_WINDOW + " seconds";
        }
        if (durationSeconds != null && (durationSeconds < 1 || durationSeconds > MAX_DURATION_SECONDS)) {
            return "--duration must be between 1 and " + MAX_DURATION_SECONDS + " seconds (100 years)";
        }
        if (count != null && count < 1) {
            return "--count must be at least 1";
        }
        if (snaplen != null && (snaplen < 64 || snaplen > 262144)) {
            return "--snaplen must be between 64 and 262144 bytes";
        }
        if (bufferMiB != null && (bufferMiB < 1 || bufferMiB > 1024)) {
            return "--buffer must be between 1 and 1024 MiB";
        }
        if (readFile != null && durationSeconds != null) {
            return "--duration applies to live capture; a replay ends at the end of the file";
        }
        if (readFile != null && (snaplen != null || bufferMiB != null)) {
            return (snaplen != null ? "--snaplen" : "--buffer") + " applies to live capture; a replay reads what the file holds";
        }
        if (readFile == null && speed != null) {
            return "--speed applies to replay (-r FILE)";
        }
        if (daemon && metrics == null) {
            return "--daemon only serves metrics: add --metrics [ADDR:]PORT";
        }
        if (daemon && dump != null) {
            return "--daemon and --dump exclude each other";
        }
        return null;
    }

    /**
     * An IPv6 link-local address without its interface (%eth0): the JDK binds one the host
     * holds on the interface that holds it, so a bind that failed was given one the host lacks.
     */
    private static boolean unscopedLinkLocal(InetAddress a) {
        return a instanceof Inet6Address && a.isLinkLocalAddress() && ((Inet6Address) a).getScopeId() == 0;
    }

    private int interval() {
        return intervalSeconds == null ? 1 : intervalSeconds;
    }

    private static final Pattern SPEED = Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)x?");

    /** Parses --speed: "max" is 0, "2x" or "2" is 2.0. */
    static double parseSpeed(String s, boolean headlessDefault) {
        if (s == null) {
            return headlessDefault ? 0 : 1;
        }
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("max")) {
            return 0;
        }
        if (SPEED.matcher(v).matches()) { // plain decimals only: Double.parseDouble also took 2d, 0x1p3, NaN
            double d = Double.parseDouble(v.endsWith("x") ? v.substring(0, v.length() - 1) : v);
            if (d >= 0.001 && d <= 10_000) {
                return d;
            }
        }
        throw new IllegalArgumentException("--speed takes 'max' or a multiple from 0.001x to 10000x, like 1x, 2x, 0.5x; got '"
                + s + "'");
    }

    /** Literal -i names must exist now (globs may match interfaces that appear later). */
    private static String missingInterfaces(InterfaceFilter filter, SysfsInterfaces sysfs) {
        TreeSet<String> present = new TreeSet<>();
        for (SysfsInterfaces.Entry e : sysfs.list()) {
            present.add(e.name());
        }
        List<String> missing = filter.literalIncludesMatchingNone(present);
        return missing.isEmpty() ? null
                : "no interface named '" + missing.get(0) + "'; available: " + String.join(", ", present);
    }

    Path logFile() {
        return logFile;
    }
}
