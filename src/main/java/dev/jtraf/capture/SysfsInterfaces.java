package dev.jtraf.capture;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the host's interfaces from {@code /sys/class/net}: cheaper than
 * {@code pcap_findalldevs} (no pseudo-devices, no global lock) and gives the ifindex.
 */
public final class SysfsInterfaces {
    /** One interface as sysfs shows it now. */
    public record Entry(String name, int ifindex, boolean up) {
    }

    private final Path root;

    public SysfsInterfaces(Path root) {
        this.root = root;
    }

    public static SysfsInterfaces host() {
        return new SysfsInterfaces(Path.of("/sys/class/net"));
    }

    /** Every interface present; entries that vanish while being read are left out. */
    public List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
            for (Path p : dir) {
                Entry e = read(p);
                if (e != null) {
                    out.add(e);
                }
            }
        } catch (IOException e) {
            return out;
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

    /**
     * The MAC address of {@code iface} as a 48-bit number if it is a port of a bridge
     * ({@code brport} exists), else -1.
     */
    public long bridgePortMac(String iface) {
        try {
            Path dir = root.resolve(iface);
            if (!Files.exists(dir.resolve("brport"))) {
                return -1;
            }
            String mac = Files.readString(dir.resolve("address")).trim();
            String hex = mac.replace(":", "");
            return hex.length() == 12 ? Long.parseLong(hex, 16) : -1;
        } catch (IOException | NumberFormatException | java.nio.file.InvalidPathException e) {
            return -1;
        }
    }

    /** Reads one kernel statistics counter ({@code rx_dropped}, ...), or -1. */
    public long statistic(String iface, String counter) {
        try {
            return Long.parseLong(Files.readString(root.resolve(iface).resolve("statistics").resolve(counter)).trim());
        } catch (IOException | NumberFormatException | java.nio.file.InvalidPathException e) {
            return -1;
        }
    }

    private static Entry read(Path p) {
        try {
            int ifindex = Integer.parseInt(Files.readString(p.resolve("ifindex")).trim());
            String flags = Files.readString(p.resolve("flags")).trim();
            int f = Integer.decode(flags);
            return new Entry(p.getFileName().toString(), ifindex, (f & 1) != 0);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
