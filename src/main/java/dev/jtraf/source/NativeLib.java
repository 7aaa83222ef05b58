package dev.jtraf.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Loads jtraf's native shim ({@code libjtrafpcap.so}, {@code src/main/c/jtrafpcap.c}) out of
 * the jar, once per JVM, for both of its users: the live batch path ({@link NativeBatch}) and
 * the replay reader's positional reads ({@link NativeRead}). Loading it touches neither pcap4j
 * nor JNA, so a replay does not pay for them.
 *
 * <p>The shim is built by Maven where a C compiler is present; without it, or on another OS,
 * {@link #unavailableReason} says why and each user takes its pure-Java path.
 */
public final class NativeLib {
    /** The shim's interface version; {@code JTRAF_ABI} in jtrafpcap.c must be the same. */
    static final int ABI = 3;

    /** Null when the shim is loaded, else why not; loads it on the first call, once per JVM. */
    static String unavailableReason() {
        return Shim.UNAVAILABLE;
    }

    /** Loaded when first used (not when NativeLib is, so that loadInBackground returns at once). */
    private static final class Shim {
        static final String UNAVAILABLE = load();
    }

    private NativeLib() {
    }

    /**
     * Loads the shim on a thread of its own (about 10 ms), so that it is ready when the command
     * line has been parsed; whoever needs it first waits for the class's initialisation, as the
     * JVM makes every thread do. Join the thread before the JVM exits: an exit in the middle of
     * the loading would leave the temporary file behind.
     */
    public static Thread loadInBackground() {
        Thread t = new Thread("jtraf-native-load") { // not a lambda: its bootstrap would hold up the caller
            @Override
            public void run() {
                unavailableReason();
            }
        };
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Extracts the shim from the jar to a temporary file, loads it and unlinks the file; null if loaded, else why not. */
    private static String load() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return "not Linux";
        }
        String resource = "/native/linux-" + System.getProperty("os.arch") + "/libjtrafpcap.so";
        try (InputStream in = NativeLib.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "libjtrafpcap.so is not in this build (" + resource
                        + "; it is built only where a C compiler was present at build time)";
            }
            Path tmp = newPrivateFile();
            try {
                try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                    in.transferTo(out);
                }
                System.load(tmp.toAbsolutePath().toString());
            } finally {
                Files.deleteIfExists(tmp); // Linux: the mapping stays valid after the unlink
            }
            int abi = abi();
            return abi == ABI ? null : "libjtrafpcap.so has ABI " + abi + ", this jtraf needs " + ABI;
        } catch (IOException e) {
            return "cannot extract libjtrafpcap.so to a temporary file: " + e.getMessage();
        } catch (UnsatisfiedLinkError e) {
            return "cannot load libjtrafpcap.so: " + e.getMessage();
        } catch (RuntimeException | LinkageError e) { // anything else: never a failed class, always a reason
            return "cannot load libjtrafpcap.so: " + e;
        }
    }

    /**
     * A new file only this user can read, in the temporary directory. Not
     * {@code Files.createTempFile}: its random name costs a SecureRandom, 20-30 ms of start-up
     * for a replay. The name need not be secret: the file is created exclusively
     * ({@code O_EXCL}, which refuses an existing file or symbolic link), then written.
     */
    private static Path newPrivateFile() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        String prefix = "jtrafpcap-" + ProcessHandle.current().pid() + "-";
        for (int i = 0;; i++) {
            try {
                return Files.createFile(dir.resolve(prefix + Long.toHexString(System.nanoTime()) + ".so"),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                if (i == 100) {
                    throw e;
                }
            }
        }
    }

    private static native int abi();
}
