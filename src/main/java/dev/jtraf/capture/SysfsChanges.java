package dev.jtraf.capture;

import dev.jtraf.sysfs.NetEntries;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells cheaply whether the host's interfaces may have changed since the last look, so that
 * the discovery thread, which looks every half second for as long as jtraf runs, reads every
 * interface's attributes only when something happened.
 *
 * <p>A look costs one directory listing and one {@code lstat} per interface ({@link NetEntries}),
 * and a read of {@code flags} for each interface that was down or not yet readable at the last
 * full read (through a file kept open: sysfs makes the value anew when it is read again from
 * offset 0, and the open and close of a sysfs file cost more than the read; once it is gone
 * the read fails). That covers every change {@link LiveInterfaces#scan} acts on: an interface
 * appearing, vanishing, being renamed or re-created under the same name between two looks
 * (NetEntries), and coming up (the one attribute change the scan cares about; going down
 * changes nothing there).
 */
final class SysfsChanges {
    /** Down interfaces whose flags are kept open; more are rare, and read the plain way. */
    private static final int MAX_OPEN = 64;

    private final SysfsInterfaces sysfs;
    private final NetEntries net;
    private final byte[] buf = new byte[32];
    private String[] down = new String[0];
    private RandomAccessFile[] downFlags = new RandomAccessFile[0];

    SysfsChanges(SysfsInterfaces sysfs) {
        this.sysfs = sysfs;
        this.net = new NetEntries(sysfs.root());
    }

    /**
     * True if anything may have changed since the previous look (always, the first time).
     * Remembers what it saw; call it before reading the interfaces, so that a change during
     * that read shows at the next look.
     */
    boolean look() {
        if (net.look()) {
            return true;
        }
        for (int i = 0; i < down.length; i++) {
            if (downFlags[i] != null ? upNow(downFlags[i]) : sysfs.isUp(down[i])) {
                return true;
            }
        }
        return false;
    }

    /** Whether IFF_UP is set in the flags file now; true if it cannot be read (gone: read all). */
    private boolean upNow(RandomAccessFile flags) {
        try {
            flags.seek(0);
            int n = flags.read(buf);
            // "0x1003\n": in any even base the last digit's parity is bit 0, IFF_UP
            while (n > 0 && buf[n - 1] <= ' ') {
                n--;
            }
            return n <= 0 || (Character.digit(buf[n - 1], 16) & 1) != 0;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * The interfaces a full read found down, and those listed but not readable yet (the kernel
     * creates an interface's directory before its attribute files): their {@code flags} are
     * read at every look, so that either coming up triggers the next full read.
     */
    void downAfterRead(List<SysfsInterfaces.Entry> entries) {
        for (RandomAccessFile f : downFlags) {
            close(f);
        }
        List<String> d = new ArrayList<>();
        Set<String> read = new HashSet<>();
        for (SysfsInterfaces.Entry e : entries) {
            read.add(e.name());
            if (!e.up()) {
                d.add(e.name());
            }
        }
        for (String name : net.names()) {
            if (!read.contains(name)) {
                d.add(name);
            }
        }
        down = d.toArray(new String[0]);
        downFlags = new RandomAccessFile[down.length];
        for (int i = 0; i < down.length && i < MAX_OPEN; i++) {
            try {
                downFlags[i] = new RandomAccessFile(sysfs.root().resolve(down[i]).resolve("flags").toFile(), "r");
            } catch (IOException e) {
                // gone already: read the plain way until the next full read
            }
        }
    }

    private static void close(RandomAccessFile f) {
        if (f != null) {
            try {
                f.close();
            } catch (IOException e) {
                // nothing was written: nothing to lose
            }
        }
    }
}
