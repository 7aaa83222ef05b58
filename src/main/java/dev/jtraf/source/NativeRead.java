package dev.jtraf.source;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Positional reads straight into a Java array, through jtraf's native shim: one
 * {@code pread(2)} per call copies the page cache into the array, the same single copy
 * {@code cat} makes. The JDK's own positional read into a heap buffer goes through a temporary
 * direct buffer (two copies), and copying out of a memory mapping pays a page fault per 64 KiB,
 * the unmapping and its TLB shoot-down (native-notes/performance.md, "Replay").
 *
 * <p>The array is pinned for the call ({@code GetPrimitiveArrayCritical}), which holds off the
 * garbage collector for that long: one read of at most a chunk (256 KiB) from the page cache.
 */
final class NativeRead {
    private NativeRead() {
    }

    /** Why native reads are not used ({@code -Djtraf.readahead.native=false}, or the shim is missing), or null. */
    static String unavailableReason() {
        if (!Boolean.parseBoolean(System.getProperty("jtraf.readahead.native", "true"))) {
            return "turned off by -Djtraf.readahead.native=false";
        }
        return NativeLib.UNAVAILABLE;
    }

    /**
     * A duplicate of the file descriptor behind {@code channel} (a JDK {@code FileChannelImpl}),
     * or -1 if native reads are unavailable or it cannot be found. The caller owns it: {@link #close}.
     */
    static int descriptor(FileChannel channel) {
        return unavailableReason() == null ? fd(channel) : -1;
    }

    /** Closes a descriptor from {@link #descriptor}. */
    static void close(int fd) {
        closeFd(fd);
    }

    /**
     * Reads {@code len} bytes at {@code position} of file descriptor {@code fd} into
     * {@code array[off, off + len)}.
     *
     * @return the bytes read: fewer than {@code len} only at the end of the file
     * @throws IOException naming the system error
     */
    static int read(int fd, byte[] array, int off, int len, long position) throws IOException {
        long r = pread(fd, array, off, len, position);
        if (r < 0) {
            throw new IOException(r == Long.MIN_VALUE ? "bad arguments to pread" : strerror((int) -r));
        }
        return (int) r;
    }

    /** The C library's text for {@code errno}. */
    private static native String strerror(int errno);

    private static native int fd(FileChannel channel);

    private static native void closeFd(int fd);

    /** {@code pread} until {@code len} bytes or the end of the file: bytes read, {@code -errno}, or Long.MIN_VALUE for bad arguments. */
    private static native long pread(int fd, byte[] array, int off, int len, long position);
}
