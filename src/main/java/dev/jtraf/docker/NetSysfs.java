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
     * @param mac     its MAC address, lower case
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
                out.add(new HostLink(name, ifindex, iflink, role, masterName));
            } catch (IOException | NumberFormatException e) {
                // vanished while being read, or not an interface (bonding_masters)
            }
        }
        out.sort(Comparator.comparingInt(HostLink::ifindex));
        return out;
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
     * container's own sysfs shows them.
     *
     * @throws IOException {@link java.nio.file.AccessDeniedException} without root or
     *                     CAP_SYS_PTRACE; {@link java.nio.file.NoSuchFileException} if the
     *                     process is gone
     */
    List<ContainerLink> containerLinks(long pid) throws IOException {
        Path dir = containerNet(pid);
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

    /** {@code /proc/PID/root/sys/class/net}. */
    Path containerNet(long pid) {
        return proc.resolve(Long.toString(pid)).resolve("root").resolve("sys").resolve("class").resolve("net");
    }

    private static int readInt(File f) throws IOException {
        return Integer.parseInt(Sysfs.attribute(f));
    }
}
