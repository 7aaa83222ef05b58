package dev.jtraf.sysfs;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(Sysfs.class);
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private Sysfs() {
    }

    /** A directory's names that can be used, and how many others it has ({@link #usable}). */
    public record Listing(String[] names, int unreadable) {
    }

    /**
     * The names in directory {@code dir} now (directory order); none if it cannot be read. Names
     * the JVM cannot give back as they are on disk are left out (see {@link #usable}).
     */
    public static String[] list(File dir) {
        return listing(dir).names();
    }

    /** {@link #list}, and how many names were left out. */
    public static Listing listing(File dir) {
        String[] names = dir.list();
        if (names == null) {
            return new Listing(NONE, 0);
        }
        int kept = 0;
        for (String n : names) {
            if (usable(n)) {
                names[kept++] = n;
            } else if (!TOLD.getAndSet(true)) {
                LOG.warn("{}: an entry whose name cannot be read in this locale's file-name charset ({}) is left out:"
                        + " an interface with such a name is counted as if<ifindex>, known only by its frames; run jtraf under a"
                        + " UTF-8 locale (LANG=C.UTF-8) to see it by name", dir, System.getProperty("sun.jnu.encoding"));
            }
        }
        return new Listing(kept == names.length ? names : Arrays.copyOf(names, kept), names.length - kept);
    }

    /**
     * The entries of {@code dir} whose names {@link #list} leaves out, as paths that still open
     * them: a directory stream's paths keep the name's bytes as the kernel gave them, whatever
     * their text says. None if the directory cannot be read.
     */
    public static List<Path> unusableEntries(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(dir)) {
            for (Path p : d) {
                if (!usable(p.getFileName().toString())) {
                    out.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable now: none known
        }
        return out;
    }

    /**
     * Whether a listed name is the entry's real name: the JVM decodes file names in the
     * locale's charset, so under {@code LANG=C} (a systemd service, {@code env -i}) a non-ASCII
     * interface name, and in any locale one that is not valid UTF-8, comes back with
     * replacement characters: it names no file, and turning it into a {@code Path} throws
     * (that stopped jtraf at start, or interface discovery for the rest of the run).
     */
    static boolean usable(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                if (name.indexOf('\uFFFD') >= 0) {
                    return false;
                }
                try {
                    Path.of(name);
                    return true;
                } catch (InvalidPathException e) {
                    return false;
                }
            }
        }
        return true;
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
