package dev.jtraf.capture;

import dev.jtraf.sysfs.Sysfs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the host's interfaces from {@code /sys/class/net}: cheaper than
 * {@code pcap_findalldevs} (no pseudo-devices, no global lock) and gives the ifindex.
 *
 * <p>Plain {@link File} I/O on purpose ({@link Sysfs}): the discovery thread reads these files
 * for as long as jtraf runs.
 */
public final class SysfsInterfaces {
    /** One interface as sysfs shows it now. */
    public record Entry(String name, int ifindex, boolean up) {
    }

    private final Path root;
    private final File dir;
    private volatile int unreadable;

    public SysfsInterfaces(Path root) {
        this.root = root;
        this.dir = root.toFile();
    }

    public static SysfsInterfaces host() {
        return new SysfsInterfaces(Path.of("/sys/class/net"));
    }

    /** The directory read, {@code /sys/class/net} on a host. */
    Path root() {
        return root;
    }

    /** The names in the directory now (in directory order); none if it cannot be read. */
    String[] names() {
        Sysfs.Listing l = Sysfs.listing(dir);
        unreadable = l.unreadable();
        return l.names();
    }

    /**
     * The ifindexes of the interfaces whose names this locale cannot read (left out of
     * {@link #list}): such an interface is known only by the ifindex of its frames. Empty
     * unless the last listing had such names.
     */
    Set<Integer> unreadableIfindexes() {
        if (unreadable == 0) {
            return Set.of();
        }
        Set<Integer> out = new HashSet<>();
        for (Path p : Sysfs.unusableEntries(root)) {
            try {
                out.add(Integer.parseInt(new String(Files.readAllBytes(p.resolve("ifindex")), StandardCharsets.US_ASCII)
                        .trim()));
            } catch (IOException | NumberFormatException e) {
                // gone meanwhile, or not an interface
            }
        }
        return out;
    }

    /** Every interface present; entries that vanish while being read are left out. */
    public List<Entry> list() {
        String[] names = names();
        List<Entry> out = new ArrayList<>(names.length);
        for (String name : names) {
            Entry e = read(name);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** The interface with this ifindex now, or null. */
    public Entry byIndex(int ifindex) {
        for (Entry e : list()) {
            if (e.ifindex() == ifindex) {
                return e;
            }
        }
        return null;
    }

    /** The interface of this name now, or null (also for a name no interface could have). */
    public Entry byName(String name) {
        for (Entry e : list()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /**
     * The MAC address of {@code iface} as a 48-bit number if it is a port of a bridge
     * ({@code brport} exists), else -1.
     */
    public long bridgePortMac(String iface) {
        try {
            File d = new File(dir, iface);
            if (!new File(d, "brport").exists()) {
                return -1;
            }
            String hex = Sysfs.attribute(new File(d, "address")).replace(":", "");
            return hex.length() == 12 ? Long.parseLong(hex, 16) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Reads one kernel statistics counter ({@code rx_dropped}, ...), or -1. */
    public long statistic(String iface, String counter) {
        try {
            return Long.parseLong(Sysfs.attribute(new File(new File(new File(dir, iface), "statistics"), counter)));
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Whether the interface is up now ({@code IFF_UP} in {@code flags}); false if gone. */
    boolean isUp(String name) {
        try {
            return (Integer.decode(Sysfs.attribute(new File(new File(dir, name), "flags"))) & 1) != 0;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private Entry read(String name) {
        try {
            File d = new File(dir, name);
            int ifindex = Integer.parseInt(Sysfs.attribute(new File(d, "ifindex")));
            int flags = Integer.decode(Sysfs.attribute(new File(d, "flags")));
            return new Entry(name, ifindex, (flags & 1) != 0);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
