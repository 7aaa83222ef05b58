package dev.jtraf.docker;

import dev.jtraf.stats.LinkRole;
import dev.jtraf.sysfs.NetEntries;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tells cheaply whether the host's interfaces may have changed since the last look, so that
 * the refresher, which looks every second for as long as jtraf runs, reads every interface's
 * attributes ({@link NetSysfs#hostLinks}) only when something happened.
 *
 * <p>A look costs one listing of {@code /sys/class/net} and one {@code lstat} per interface
 * ({@link NetEntries}), and one listing of each bridge's {@code brif} directory (its ports).
 * That covers an interface appearing, vanishing, being renamed or being re-created under the
 * same name between two looks (NetEntries), and joining or leaving a bridge, or moving to
 * another one (the bridges' listings). A change of a non-bridge master (a bond), or of a veth's iflink, is left
 * to the refresher's full reads with every engine refresh.
 */
final class LinkChanges {
    /** A listing no directory has ('/' is no file name): a bridge whose ports were never listed. */
    private static final String[] UNKNOWN = {"/"};

    private final NetSysfs sysfs;
    private final NetEntries entries;
    private String[] bridges = new String[0];
    private File[] brifs = new File[0];
    private String[][] ports = new String[0][];

    LinkChanges(NetSysfs sysfs) {
        this.sysfs = sysfs;
        this.entries = new NetEntries(sysfs.hostDir());
    }

    /**
     * True if anything may have changed since the previous look (always, the first time).
     * Remembers what it saw; call it before reading the interfaces, so that a change during
     * that read shows at the next look.
     */
    boolean look() {
        boolean changed = entries.look();
        for (int i = 0; i < brifs.length; i++) {
            String[] p = brifs[i].list();
            if (!Arrays.equals(p, ports[i])) {
                ports[i] = p;
                changed = true;
            }
        }
        return changed;
    }

    /**
     * The bridges a full read found, whose ports the next looks list. A bridge already known
     * keeps the listing of the look before the read; a new one has none yet, so the next look
     * tells a change (one more full read) and remembers its listing from then on.
     */
    void bridgesAfterRead(List<HostLink> links) {
        List<String> found = new ArrayList<>();
        for (HostLink h : links) {
            if (h.role() == LinkRole.BRIDGE) {
                found.add(h.name());
            }
        }
        String[] b = found.toArray(new String[0]);
        File[] f = new File[b.length];
        String[][] p = new String[b.length][];
        for (int i = 0; i < b.length; i++) {
            f[i] = new File(sysfs.hostEntry(b[i]).toFile(), "brif");
            int was = Arrays.asList(bridges).indexOf(b[i]);
            p[i] = was < 0 ? UNKNOWN : ports[was];
        }
        bridges = b;
        brifs = f;
        ports = p;
    }
}
