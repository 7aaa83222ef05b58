package dev.jtraf.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;

/**
 * The entries of a {@code /sys/class/net} directory, looked at cheaply: their names (one
 * listing) and the identity of each entry node (one {@code lstat} each). That tells an
 * interface appearing, vanishing or being renamed, and one deleted and re-created under the
 * same name between two looks (a new sysfs node: kernfs hands out inode numbers cyclically, so
 * the number differs). Interface discovery and the Docker watcher both look through it before
 * they read any interface's attributes. One thread at a time.
 */
public final class NetEntries {
    private static final String[] NONE = {};

    private final Path dir;
    private String[] names;
    private int unreadable;
    private Path[] entries;
    private Object[] keys;

    public NetEntries(Path dir) {
        this.dir = dir;
    }

    /**
     * Lists the directory; true if its names differ from the previous look's (always the first
     * time) or one of its entries is a new node. Remembers what it saw.
     */
    public boolean look() {
        Sysfs.Listing listing = Sysfs.listing(dir.toFile());
        String[] now = listing.names();
        // entries whose names this locale cannot read are not listed: their number changing is a change too
        if (!Arrays.equals(now, names) || listing.unreadable() != unreadable) {
            names = now;
            unreadable = listing.unreadable();
            entries = new Path[now.length];
            keys = new Object[now.length];
            for (int i = 0; i < now.length; i++) {
                entries[i] = dir.resolve(now[i]);
                keys[i] = nodeOf(entries[i]);
            }
            return true;
        }
        boolean changed = false;
        for (int i = 0; i < entries.length; i++) {
            Object key = nodeOf(entries[i]);
            if (!Objects.equals(key, keys[i])) {
                keys[i] = key;
                changed = true;
            }
        }
        return changed;
    }

    /** The names of the last look; none before the first. */
    public String[] names() {
        return names == null ? NONE : names;
    }

    /** Device and inode of the entry itself (not what a symlink points to), or null if gone. */
    private static Object nodeOf(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }
}
