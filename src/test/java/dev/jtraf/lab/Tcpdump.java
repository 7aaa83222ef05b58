package dev.jtraf.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference capture with tcpdump, for comparing jtraf's counts against:
 * {@code tcpdump -i IFACE -U -w FILE -n --immediate-mode -Z root [-p] [-y LINKTYPE] -s 2048 -B 16384 [filter]}.
 *
 * <p>{@link Builder#start()} returns once tcpdump has printed "listening on" (the socket is
 * bound, so everything after that is captured). {@code --immediate-mode} hands each packet to
 * tcpdump at once instead of when a TPACKET_V3 block retires, and {@code -U} writes it out at
 * once, so the file is complete as soon as the traffic is. {@code -Z root} keeps tcpdump from
 * switching to the {@code tcpdump} user, which otherwise owns the file it writes.
 * {@link #stop()} sends SIGINT and waits, and returns tcpdump's own packet statistics.
 */
public final class Tcpdump implements AutoCloseable {
    /** tcpdump's closing report: "N packets captured / received by filter / dropped by kernel". */
    public record Stats(long captured, long receivedByFilter, long droppedByKernel) {}

    /**
     * Default snapshot length. With {@code --immediate-mode} libpcap uses a TPACKET_V2 ring of
     * fixed-size slots; at tcpdump's default snaplen a slot on a veth (offloads on) is ~64 KiB,
     * so the default 2 MiB ring holds ~32 frames and a burst of 50 datagrams was seen to lose 12
     * ("dropped by kernel"). 2048-byte slots in a 16 MiB ring hold thousands. The pcap still
     * records every frame's original length.
     */
    public static final int DEFAULT_SNAPLEN = 2048;
    /** Default {@code -B} in KiB. */
    public static final int DEFAULT_BUFFER_KIB = 16384;

    private static final Pattern STAT = Pattern.compile("(\\d+) packets? (captured|received by filter|dropped by kernel)");

    private final String iface;
    private final Path file;
    private final Lab.Background process;
    private Stats stats;

    private Tcpdump(String iface, Path file, Lab.Background process) {
        this.iface = iface;
        this.file = file;
        this.process = process;
    }

    /** A capture on {@code iface} ("any" for all) writing to {@code target/lab/pcap/<iface>-N.pcap} unless set. */
    public static Builder on(String iface) {
        return new Builder(iface);
    }

    /** Starts {@code tcpdump -i iface -w file} with defaults and waits until it listens. */
    public static Tcpdump start(String iface, Path file) {
        return on(iface).file(file).start();
    }

    /** Options of a capture; {@link #start()} launches it. */
    public static final class Builder {
        private final String iface;
        private Path file;
        private boolean promiscuous = true;
        private String linkType;
        private int snaplen = DEFAULT_SNAPLEN;
        private int bufferKib = DEFAULT_BUFFER_KIB;
        private String netns;
        private String filter;
        private Duration listenTimeout = Duration.ofSeconds(10);

        private Builder(String iface) {
            this.iface = iface;
        }

        /** Where to write the pcap. */
        public Builder file(Path f) {
            this.file = f;
            return this;
        }

        /** {@code -p}: do not put the interface into promiscuous mode. */
        public Builder noPromisc() {
            this.promiscuous = false;
            return this;
        }

        /** {@code -y LINKTYPE}, e.g. {@code LINUX_SLL2} with {@code -i any}. */
        public Builder linkType(String dlt) {
            this.linkType = dlt;
            return this;
        }

        /** {@code -s N} (default {@value Tcpdump#DEFAULT_SNAPLEN}); 0 for tcpdump's own default (262144). */
        public Builder snaplen(int n) {
            this.snaplen = n;
            return this;
        }

        /** {@code -B KIB}, the kernel ring size (default {@value Tcpdump#DEFAULT_BUFFER_KIB} KiB). */
        public Builder bufferKib(int kib) {
            this.bufferKib = kib;
            return this;
        }

        /** Runs tcpdump under {@code ip netns exec NS}, for an interface inside a namespace. */
        public Builder netns(String ns) {
            this.netns = ns;
            return this;
        }

        /** A BPF filter expression. */
        public Builder filter(String expr) {
            this.filter = expr;
            return this;
        }

        /** How long to wait for "listening on" (default 10 s). */
        public Builder listenTimeout(Duration d) {
            this.listenTimeout = d;
            return this;
        }

        /** Starts tcpdump and returns once it reports "listening on"; fails with its stderr if it exits instead. */
        public Tcpdump start() {
            Path tcpdump = Lab.assumeCommand("tcpdump");
            Path out = file != null ? file
                    : Lab.dir("pcap").resolve(iface.replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
                            + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".pcap");
            List<String> argv = new ArrayList<>();
            if (netns != null) {
                argv.addAll(List.of("ip", "netns", "exec", netns));
            }
            argv.addAll(List.of(tcpdump.toString(), "-i", iface, "-U", "-w", out.toString(), "-n",
                    "--immediate-mode", "-Z", "root"));
            if (!promiscuous) {
                argv.add("-p");
            }
            if (linkType != null) {
                argv.addAll(List.of("-y", linkType));
            }
            if (snaplen > 0) {
                argv.addAll(List.of("-s", Integer.toString(snaplen)));
            }
            if (bufferKib > 0) {
                argv.addAll(List.of("-B", Integer.toString(bufferKib)));
            }
            if (filter != null) {
                argv.add(filter);
            }
            Lab.Background p = Lab.spawn("tcpdump-" + iface, argv);
            Tcpdump t = new Tcpdump(iface, out, p);
            try {
                p.awaitOutput("\"listening on\"", listenTimeout, s -> s.contains("listening on"));
            } catch (RuntimeException | AssertionError e) {
                t.close();
                throw e;
            }
            return t;
        }
    }

    public String iface() {
        return iface;
    }

    /** The pcap file being written. */
    public Path file() {
        return file;
    }

    public long pid() {
        return process.pid();
    }

    /** tcpdump's stderr so far. */
    public String stderr() {
        return process.stderr();
    }

    /**
     * SIGINT, then waits (10 s, then SIGKILL) for tcpdump to flush and exit; returns its
     * statistics. Idempotent.
     */
    public synchronized Stats stop() {
        if (stats != null) {
            return stats;
        }
        process.signal("INT");
        Lab.Result r = process.waitFor(Duration.ofSeconds(10));
        if (r.timedOut()) {
            throw new IllegalStateException("tcpdump on " + iface + " did not exit after SIGINT; killed\n"
                    + r.describe());
        }
        stats = parseStats(r.stderr()).orElseThrow(
                () -> new IllegalStateException("no statistics from tcpdump on " + iface + ": " + r.describe()));
        return stats;
    }

    /** Stops the capture if it still runs (forcibly if it will not stop). */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stop();
            } catch (RuntimeException e) {
                process.close();
            }
        }
    }

    /**
     * The number of frames in a pcap or pcapng file: {@code capinfos -c -M} if installed, else
     * the lines of {@code tcpdump -r FILE -n -q} (one per packet).
     */
    public static long countFrames(Path pcap) {
        Optional<Path> capinfos = Lab.which("capinfos");
        if (capinfos.isPresent()) {
            Lab.Result r = Lab.sh(Duration.ofSeconds(60), capinfos.get().toString(), "-c", "-M", pcap.toString())
                    .orThrow();
            Matcher m = Pattern.compile("(?m)^Number of packets:\\s+(\\d+)\\s*$").matcher(r.stdout());
            if (!m.find()) {
                throw new IllegalStateException("unexpected capinfos output: " + r.describe());
            }
            return Long.parseLong(m.group(1));
        }
        Lab.Result r = Lab.sh(Duration.ofSeconds(60), Lab.assumeCommand("tcpdump").toString(), "-r", pcap.toString(),
                "-n", "-q", "-Z", "root").orThrow();
        return r.stdout().lines().filter(l -> !l.isBlank()).count();
    }

    static Optional<Stats> parseStats(String stderr) {
        long captured = -1;
        long received = -1;
        long dropped = -1;
        Matcher m = STAT.matcher(stderr);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "captured" -> captured = n;
                case "received by filter" -> received = n;
                default -> dropped = n;
            }
        }
        return captured < 0 ? Optional.empty() : Optional.of(new Stats(captured, received, dropped));
    }

    @Override
    public String toString() {
        return "tcpdump[" + iface + " -> " + file + "]";
    }
}
