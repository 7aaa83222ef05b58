package dev.jtraf.capture;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Tells cheaply whether the host's interfaces may have changed since the last look, so that
 * the discovery thread, which looks every half second for as long as jtraf runs, reads every
 * interface's attributes only when something happened.
 *
 * <p>A look costs one directory listing, one {@code lstat} per interface, and a read of
 * {@code flags} for each interface that was down at the last full read (through a file kept
 * open: sysfs makes the value anew when it is read again from offset 0, and the open and close
 * of a sysfs file cost more than the read; once it is gone the read fails). That covers every
 * change {@link LiveInterfaces#scan} acts on: an interface appearing, vanishing or being renamed
 * (the listing), deleted and re-created under the same name between two looks (its entry is a
 * new sysfs node: kernfs hands out inode numbers cyclically, so the number differs), and coming
 * up (the one attribute change the scan cares about; going down changes nothing there).
 */
final class SysfsChanges {
    /** Down interfaces whose flags are kept open; more are rare, and read the plain way. */
    private static final int MAX_OPEN = 64;

    private final SysfsInterfaces sysfs;
    private final byte[] buf = new byte[32];
    private String[] names;
    private Object[] keys;
    private Path[] paths;
    private String[] down = new String[0];
    private RandomAccessFile[] downFlags = new RandomAccessFile[0];

    SysfsChanges(SysfsInterfaces sysfs) {
        this.sysfs = sysfs;
    }

    /**
     * True if anything may have changed since the previous look (always, the first time).
     * Remembers what it saw; call it before reading the interfaces, so that a change during
     * that read shows at the next look.
     */
    boolean look() {
        String[] now = sysfs.names();
        if (!Arrays.equals(now, names)) {
            remember(now);
            return true;
        }
        boolean changed = false;
        for (int i = 0; i < now.length; i++) {
            Object key = fileKey(paths[i]);
            if (!Objects.equals(key, keys[i])) {
                keys[i] = key;
                changed = true;
            }
        }
        if (changed) {
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
        for (String name : names == null ? new String[0] : names) {
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

    private void remember(String[] now) {
        Path root = sysfs.root();
        names = now;
        keys = new Object[now.length];
        paths = new Path[now.length];
        for (int i = 0; i < now.length; i++) {
            paths[i] = root.resolve(now[i]);
            keys[i] = fileKey(paths[i]);
        }
    }

    /** Device and inode of the entry itself (a symlink on a real sysfs), or null if gone. */
    private static Object fileKey(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }
}
