package dev.jtraf.docker;

import dev.jtraf.stats.LinkRole;
import dev.jtraf.sysfs.Sysfs;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads interfaces from sysfs: the host's ({@code /sys/class/net}) and a container's own view
 * of its namespace ({@code /proc/PID/root/sys/class/net}: Docker mounts a sysfs inside every
 * container with a network namespace of its own). The roots are parameters so tests can lay out
 * a fake tree.
 */
final class NetSysfs {
    /**
     * An interface inside a container.
     *
     * @param name    {@code eth0}, {@code eth1}, ...
     * @param ifindex its ifindex in the container's namespace
     * @param iflink  for a veth, the ifindex of its peer in the host's namespace
     * @param mac     its MAC address, lower case; null where it cannot be read
     */
    record ContainerLink(String name, int ifindex, int iflink, String mac) {
    }

    private final Path hostNet;
    private final Path proc;

    NetSysfs(Path hostSysClassNet, Path proc) {
        this.hostNet = hostSysClassNet;
        this.proc = proc;
    }

    static NetSysfs host() {
        return new NetSysfs(Path.of("/sys/class/net"), Path.of("/proc"));
    }

    /**
     * The host's interfaces now, by ifindex; ones vanishing while read are left out. Plain
     * {@link File} calls: this runs every second for as long as jtraf runs, and the NIO calls
     * allocate a page-sized array per sysfs file and an exception per missing {@code master}.
     */
    List<HostLink> hostLinks() {
        String[] names = Sysfs.list(hostNet.toFile());
        List<HostLink> out = new ArrayList<>(names.length);
        for (String name : names) {
            File d = new File(hostNet.toFile(), name);
            try {
                int ifindex = readInt(new File(d, "ifindex"));
                int iflink = readInt(new File(d, "iflink"));
                LinkRole role = new File(d, "bridge").isDirectory() ? LinkRole.BRIDGE
                        : new File(d, "brport").exists() ? LinkRole.BRIDGE_PORT : LinkRole.OTHER;
                File master = new File(d, "master");
                String masterName = master.exists() // a symlink to the master's directory
                        ? Files.readSymbolicLink(master.toPath()).getFileName().toString() : null;
                out.add(new HostLink(name, ifindex, iflink, role, masterName, role == LinkRole.OTHER && isNic(d)));
            } catch (IOException | NumberFormatException e) {
                // vanished while being read, or not an interface (bonding_masters)
            }
        }
        out.sort(Comparator.comparingInt(HostLink::ifindex));
        return out;
    }

    /** A network card ({@code device}), or an interface stacked on one, as a bond or VLAN is ({@code lower_*}). */
    private static boolean isNic(File dir) {
        if (new File(dir, "device").exists()) {
            return true;
        }
        String[] entries = dir.list((d, n) -> n.startsWith("lower_"));
        return entries != null && entries.length > 0;
    }

    /** The host's {@code /sys/class/net}. */
    Path hostDir() {
        return hostNet;
    }

    /** The host's directory entry of one interface. */
    Path hostEntry(String name) {
        return hostNet.resolve(name);
    }

    /**
     * The interfaces (but {@code lo}) of the network namespace of process {@code pid}, as the
     * container's own sysfs shows them; {@code hostLinks} are the host's, as just read.
     *
     * @throws IOException {@link java.nio.file.AccessDeniedException} without root or
     *                     CAP_SYS_PTRACE; {@link java.nio.file.NoSuchFileException} if the
     *                     process is gone
     */
    List<ContainerLink> containerLinks(long pid, List<HostLink> hostLinks) throws IOException {
        Path dir = containerNet(pid);
        if (Files.isSameFile(dir, hostNet)) {
            return linksFromProcNet(pid, hostLinks);
        }
        List<ContainerLink> out = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(dir)) {
            for (Path p : d) {
                String name = p.getFileName().toString();
                if (name.equals("lo")) {
                    continue;
                }
                try {
                    File link = p.toFile();
                    out.add(new ContainerLink(name, readInt(new File(link, "ifindex")), readInt(new File(link, "iflink")),
                            Sysfs.attribute(new File(link, "address")).toLowerCase(Locale.ROOT)));
                } catch (IOException | NumberFormatException e) {
                    // an interface without the files of a network device (or gone): not a veth end
                }
            }
        }
        out.sort(Comparator.comparing(ContainerLink::name));
        return out;
    }

    /**
     * The interfaces of a container that mounts the host's {@code /sys} over its own (as
     * cAdvisor's documented {@code -v /sys:/sys:ro} does): its {@code /sys/class/net} is then the
     * host's, and says nothing about its namespace. {@code /proc/PID/net/dev_mcast} does: procfs
     * follows the process's network namespace, and every interface that is up with IPv4 or IPv6
     * is listed there with its ifindex (a line per multicast address). The host end of each is
     * the veth whose {@code iflink} is that ifindex (indexes in different namespaces can be
     * equal) and whose counters are this interface's (a veth pair's ends share them:
     * {@code /proc/PID/net/dev} read between two reads of sysfs), if exactly one is; else it
     * stays unnamed until the next mapping. No MAC address: the endpoint is found by the
     * network of the veth's bridge.
     */
    private List<ContainerLink> linksFromProcNet(long pid, List<HostLink> host) throws IOException {
        Map<Integer, String> inside = new TreeMap<>();
        for (String line : Files.readAllLines(procOf(pid).resolve("net").resolve("dev_mcast"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && !f[1].equals("lo")) {
                try {
                    inside.putIfAbsent(Integer.parseInt(f[0]), f[1]);
                } catch (NumberFormatException e) {
                    // not a line of the table
                }
            }
        }
        List<ContainerLink> out = new ArrayList<>();
        for (Map.Entry<Integer, String> e : inside.entrySet()) {
            List<HostLink> candidates = new ArrayList<>();
            for (HostLink h : host) {
                if (h.iflink() == e.getKey() && h.iflink() != h.ifindex()) {
                    candidates.add(h);
                }
            }
            if (!candidates.isEmpty()) {
                // The two ends of a veth share their counters (the host end's tx is this end's
                // rx). Read the candidates', then this end's, then the candidates' again: counters
                // only grow, so the right one brackets this end's even while traffic flows. Also
                // for a single candidate: without a MAC or an iflink from this side, that is what
                // shows the interface is that veth's other end (not, say, a macvlan child whose
                // index happens to equal it).
                List<long[]> before = new ArrayList<>();
                for (HostLink h : candidates) {
                    before.add(hostCountersSwapped(h.name()));
                }
                long[] c = procNetDev(pid).get(e.getValue());
                List<HostLink> matching = new ArrayList<>();
                for (int i = 0; i < candidates.size(); i++) {
                    if (brackets(before.get(i), c, hostCountersSwapped(candidates.get(i).name()))) {
                        matching.add(candidates.get(i));
                    }
                }
                candidates = matching;
            }
            if (candidates.size() == 1) {
                out.add(new ContainerLink(e.getValue(), e.getKey(), candidates.get(0).ifindex(), null));
            }
        }
        out.sort(Comparator.comparing(ContainerLink::name));
        return out;
    }

    /** Whether every count of {@code c} lies between those of {@code low} and {@code high} (none null). */
    private static boolean brackets(long[] low, long[] c, long[] high) {
        if (low == null || c == null || high == null) {
            return false;
        }
        for (int i = 0; i < c.length; i++) {
            if (c[i] < low[i] || c[i] > high[i]) {
                return false;
            }
        }
        return true;
    }

    /** rx bytes, rx packets, tx bytes, tx packets of each interface in {@code /proc/PID/net/dev}; none if unreadable. */
    private Map<String, long[]> procNetDev(long pid) {
        Map<String, long[]> out = new TreeMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(procOf(pid).resolve("net").resolve("dev"));
        } catch (IOException e) {
            return out; // gone meanwhile: nothing to tell the candidates apart by
        }
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length >= 10) {
                try {
                    out.put(line.substring(0, colon).trim(), new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]),
                        Long.parseLong(f[8]), Long.parseLong(f[9])});
                } catch (NumberFormatException e) {
                    // the header
                }
            }
        }
        return out;
    }

    /** A host interface's tx bytes, tx packets, rx bytes, rx packets (its peer's rx, then tx); null if unreadable. */
    private long[] hostCountersSwapped(String name) {
        File st = new File(new File(hostNet.toFile(), name), "statistics");
        try {
            return new long[] {readLong(new File(st, "tx_bytes")), readLong(new File(st, "tx_packets")),
                readLong(new File(st, "rx_bytes")), readLong(new File(st, "rx_packets"))};
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static long readLong(File f) throws IOException {
        return Long.parseLong(Sysfs.attribute(f));
    }

    /** {@code /proc/PID/root/sys/class/net}. */
    Path containerNet(long pid) {
        return procOf(pid).resolve("root").resolve("sys").resolve("class").resolve("net");
    }

    /** {@code /proc/PID}. */
    private Path procOf(long pid) {
        return proc.resolve(Long.toString(pid));
    }

    private static int readInt(File f) throws IOException {
        return Integer.parseInt(Sysfs.attribute(f));
    }
}
