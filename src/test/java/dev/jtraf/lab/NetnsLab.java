package dev.jtraf.lab;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Network namespaces, veth pairs and bridges for lab tests, made with iproute2.
 *
 * <p>Names: namespaces {@code jtl-<id>-<name>}; links {@code jtl<id>v<n>a|b} (veth ends) and
 * {@code jtl<id>br<n>} (bridges), where {@code <id>} is 4 random hex digits per lab; all fit
 * IFNAMSIZ. Host-side links are only ever this lab's own, and addresses may only be put on this
 * lab's own links, so the host's NIC, routes and firewall are never touched. By default IPv6 is
 * disabled on everything the lab creates (inside its namespaces and on its host-side links), so
 * new links do not emit router solicitations, MLD reports or DAD probes and counters stay
 * exactly predictable; pass {@code ipv6 = true} where a test wants that traffic.
 *
 * <p>{@link #close()} kills processes left in the lab's namespaces, deletes its host-side links
 * and its namespaces (tolerating what is already gone) and checks nothing is left. A lease file
 * in {@code /run/jtraf-lab/} names the owning JVM, so {@link #open()} can remove what a killed
 * JVM left behind.
 */
public final class NetnsLab implements AutoCloseable {
    /** A veth pair; a {@code null} namespace means the host (root) namespace. */
    public record Veth(String nsA, String ifA, String nsB, String ifB) {}

    private static final Path LEASES = Path.of("/run/jtraf-lab");
    private static final Path NETNS_DIR = Path.of("/var/run/netns");
    private static final Duration CMD_TIMEOUT = Duration.ofSeconds(30);

    private final String id = Lab.randomHex(4);
    private final Set<String> namespaces = new LinkedHashSet<>();
    private final Set<String> hostLinks = new LinkedHashSet<>();
    private final List<Lab.Background> processes = new ArrayList<>();
    private int seq;
    private boolean closed;

    private NetnsLab() {}

    /** Skips unless root and iproute2; cleans up after dead lab JVMs; returns a lab closed at JVM exit if forgotten. */
    public static NetnsLab open() {
        Lab.assumeRoot();
        Lab.assumeCommand("ip");
        sweepStale();
        NetnsLab lab = new NetnsLab();
        try {
            Files.createDirectories(LEASES);
            Files.writeString(lab.lease(), Lab.ownerId() + "\n", UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write lease in " + LEASES, e);
        }
        Lab.closeAtExit(lab);
        return lab;
    }

    /** The 4 hex digits that make this lab's names unique. */
    public String id() {
        return id;
    }

    /** Creates namespace {@code jtl-<id>-<name>} with lo up and IPv6 disabled; returns its full name. */
    public String namespace(String name) {
        return namespace(name, false);
    }

    /** Creates namespace {@code jtl-<id>-<name>} with lo up; returns its full name. */
    public synchronized String namespace(String name, boolean ipv6) {
        checkOpen();
        String ns = "jtl-" + id + "-" + name;
        namespaces.add(ns);
        ip(null, "netns", "add", ns);
        if (!ipv6) {
            // Per-namespace sysctls: "default" covers links created in or moved into it later.
            exec(ns, CMD_TIMEOUT, "sh", "-c",
                    "for f in /proc/sys/net/ipv6/conf/all/disable_ipv6 /proc/sys/net/ipv6/conf/default/disable_ipv6;"
                            + " do [ -e $f ] && echo 1 > $f; done; true").orThrow();
        }
        ip(ns, "link", "set", "lo", "up");
        return ns;
    }

    /** A veth pair between {@code nsA} and {@code nsB} ({@code null} = host), both ends up, IPv6 off on host ends. */
    public Veth veth(String nsA, String nsB) {
        return veth(nsA, nsB, false);
    }

    /** A veth pair between {@code nsA} and {@code nsB} ({@code null} = host), both ends up. */
    public synchronized Veth veth(String nsA, String nsB, boolean hostIpv6) {
        checkOpen();
        int n = ++seq;
        String a = "jtl" + id + "v" + n + "a";
        String b = "jtl" + id + "v" + n + "b";
        if (nsA == null) {
            hostLinks.add(a);
        }
        if (nsB == null) {
            hostLinks.add(b);
        }
        List<String> argv = new ArrayList<>(List.of("link", "add", a));
        if (nsA != null) {
            argv.addAll(List.of("netns", nsA));
        }
        argv.addAll(List.of("type", "veth", "peer", "name", b));
        if (nsB != null) {
            argv.addAll(List.of("netns", nsB));
        }
        ip(null, argv.toArray(String[]::new));
        if (!hostIpv6) {
            if (nsA == null) {
                disableHostIpv6(a);
            }
            if (nsB == null) {
                disableHostIpv6(b);
            }
        }
        ip(nsA, "link", "set", a, "up");
        ip(nsB, "link", "set", b, "up");
        return new Veth(nsA, a, nsB, b);
    }

    /**
     * A Linux bridge (no STP, so ports forward at once) in {@code ns} ({@code null} = host), up,
     * with no address, IPv6 off, multicast snooping on like docker0. Like docker0 it then sends
     * two IGMPv3 reports for 224.0.0.106 (multicast router discovery) out of its ports within
     * about a second of the first port coming up: wait for quiet before counting.
     */
    public synchronized String bridge(String ns) {
        checkOpen();
        String br = "jtl" + id + "br" + (++seq);
        if (ns == null) {
            hostLinks.add(br);
        }
        ip(ns, "link", "add", br, "type", "bridge", "stp_state", "0");
        if (ns == null) {
            disableHostIpv6(br);
        }
        ip(ns, "link", "set", br, "up");
        return br;
    }

    /** Makes {@code iface} a port of {@code bridge}, both in {@code ns} ({@code null} = host). */
    public void attach(String ns, String iface, String bridge) {
        ip(ns, "link", "set", iface, "master", bridge);
    }

    /** Adds an address such as {@code 10.199.7.1/24}; on the host only to this lab's own links. */
    public synchronized void address(String ns, String iface, String cidr) {
        checkOpen();
        if (ns == null && !hostLinks.contains(iface)) {
            throw new IllegalArgumentException("refusing to address host interface " + iface
                    + ": not created by this lab");
        }
        if (ns != null && !namespaces.contains(ns)) {
            throw new IllegalArgumentException("namespace " + ns + " is not this lab's");
        }
        ip(ns, "addr", "add", cidr, "dev", iface);
    }

    /** Runs {@code ip netns exec NS cmd...} ({@code ip netns exec} also mounts the namespace's own /sys). */
    public Lab.Result exec(String ns, Duration timeout, String... cmd) {
        return Lab.sh(timeout, nsArgv(ns, List.of(cmd)));
    }

    /** {@link #exec} in the background; the process is stopped at {@link #close()} at the latest. */
    public synchronized Lab.Background spawn(String ns, String label, List<String> cmd) {
        checkOpen();
        Lab.Background b = Lab.spawn(label, nsArgv(ns, cmd));
        processes.add(b);
        return b;
    }

    /** Counters of {@code iface} in {@code ns} ({@code null} = host, read directly from sysfs). */
    public KernelCounters counters(String ns, String iface) {
        if (ns == null) {
            return KernelCounters.read(iface);
        }
        String dir = "/sys/class/net/" + iface + "/statistics/";
        return KernelCounters.parse(exec(ns, CMD_TIMEOUT, "cat", dir + "rx_packets", dir + "rx_bytes",
                dir + "tx_packets", dir + "tx_bytes").orThrow().stdout());
    }

    /** Waits until {@code iface}'s operstate is "up" (a veth: both ends up; a bridge: a port up). */
    public Duration awaitUp(String ns, String iface, Duration timeout) {
        return Lab.await(iface + " operstate up", timeout, () -> {
            if (ns == null) {
                return readTrimmed(KernelCounters.SYS_CLASS_NET.resolve(iface).resolve("operstate")).equals("up");
            }
            return exec(ns, CMD_TIMEOUT, "cat", "/sys/class/net/" + iface + "/operstate").out().equals("up");
        });
    }

    /** Names of this lab's namespaces and host-side links. */
    public synchronized List<String> created() {
        List<String> l = new ArrayList<>(namespaces);
        l.addAll(hostLinks);
        return l;
    }

    /**
     * Stops the lab's processes, kills whatever else runs in its namespaces, deletes its host-side
     * links and its namespaces, and throws if any of them still exists afterwards.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Lab.forgetAtExit(this);
        for (Lab.Background b : processes) {
            b.close();
        }
        List<String> left = removeAll(new ArrayList<>(namespaces), new ArrayList<>(hostLinks));
        Lab.deleteQuietly(lease());
        if (!left.isEmpty()) {
            throw new IllegalStateException("netns lab " + id + " could not remove: " + left);
        }
    }

    @Override
    public String toString() {
        return "NetnsLab[" + id + "]";
    }

    // ------------------------------------------------------------------------------------------

    private static List<String> removeAll(List<String> nss, List<String> links) {
        for (String ns : nss) {
            Lab.Result pids = Lab.sh(CMD_TIMEOUT, "ip", "netns", "pids", ns);
            for (String pid : pids.ok() ? pids.out().lines().map(String::strip).toList() : List.<String>of()) {
                if (pid.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
        List<String> reversed = new ArrayList<>(links);
        java.util.Collections.reverse(reversed); // ports before their bridges
        for (String l : reversed) {
            if (Files.exists(KernelCounters.SYS_CLASS_NET.resolve(l))) {
                Lab.sh(CMD_TIMEOUT, "ip", "link", "del", l); // may already be gone with its peer
            }
        }
        for (String ns : nss) {
            if (Files.exists(NETNS_DIR.resolve(ns))) {
                Lab.sh(CMD_TIMEOUT, "ip", "netns", "del", ns);
            }
        }
        List<String> left = new ArrayList<>();
        for (String l : links) {
            if (Files.exists(KernelCounters.SYS_CLASS_NET.resolve(l))) {
                left.add("link " + l);
            }
        }
        for (String ns : nss) {
            if (Files.exists(NETNS_DIR.resolve(ns))) {
                left.add("netns " + ns);
            }
        }
        return left;
    }

    /** Removes namespaces and host links of labs whose lease names a JVM that has exited. */
    private static void sweepStale() {
        if (!Files.isDirectory(LEASES)) {
            return;
        }
        try (Stream<Path> leases = Files.list(LEASES)) {
            for (Path lease : leases.filter(p -> p.getFileName().toString().matches("netns-[0-9a-f]{4}")).toList()) {
                if (Lab.ownerAlive(readTrimmed(lease))) {
                    continue;
                }
                String staleId = lease.getFileName().toString().substring("netns-".length());
                List<String> nss = listNames(NETNS_DIR, "jtl-" + staleId + "-");
                List<String> links = listNames(KernelCounters.SYS_CLASS_NET, "jtl" + staleId);
                Lab.log("removing leftovers of dead netns lab %s: %s %s", staleId, nss, links);
                removeAll(nss, links);
                Lab.deleteQuietly(lease);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> listNames(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    private Path lease() {
        return LEASES.resolve("netns-" + id);
    }

    private static List<String> nsArgv(String ns, List<String> cmd) {
        List<String> argv = new ArrayList<>();
        if (ns != null) {
            argv.addAll(List.of("ip", "netns", "exec", ns));
        }
        argv.addAll(cmd);
        return argv;
    }

    private static void ip(String ns, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        if (ns != null) {
            argv.addAll(List.of("-n", ns));
        }
        argv.addAll(List.of(args));
        Lab.sh(CMD_TIMEOUT, argv).orThrow();
    }

    /** Turns IPv6 off on one of this lab's host-side links (a per-interface sysctl; nothing global). */
    private static void disableHostIpv6(String iface) {
        Path f = Path.of("/proc/sys/net/ipv6/conf", iface, "disable_ipv6");
        if (Files.exists(f)) {
            try {
                Files.writeString(f, "1\n", UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + f, e);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static String readTrimmed(Path p) {
        try {
            return new String(Files.readAllBytes(p), UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
