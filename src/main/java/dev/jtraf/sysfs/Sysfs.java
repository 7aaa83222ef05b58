package dev.jtraf.sysfs;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Plain {@link File} reads of sysfs, for interface discovery and the Docker watcher, which read
 * it for as long as jtraf runs, mostly interpreted: {@code Files.readString} allocates a 4 KiB
 * array per sysfs file (sysfs says every file is a page long) through a much longer call chain,
 * and a directory stream more objects than a listing.
 */
public final class Sysfs {
    /** The longest attribute read: a 64-bit counter, or a MAC address, and a newline. */
    private static final int MAX_ATTRIBUTE = 32;
    private static final String[] NONE = {};

    private Sysfs() {
    }

    /** The names in directory {@code dir} now (directory order); none if it cannot be read. */
    public static String[] list(File dir) {
        String[] names = dir.list();
        return names == null ? NONE : names;
    }

    /** One short attribute file (at most {@value #MAX_ATTRIBUTE} bytes read), trimmed. */
    public static String attribute(File f) throws IOException {
        byte[] buf = new byte[MAX_ATTRIBUTE];
        int n = 0;
        try (FileInputStream in = new FileInputStream(f)) {
            for (int r; n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0;) {
                n += r;
            }
        }
        return new String(buf, 0, n, StandardCharsets.US_ASCII).trim();
    }
}
