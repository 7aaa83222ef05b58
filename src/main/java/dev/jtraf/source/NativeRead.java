package dev.jtraf.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Map;

/**
 * Positional reads straight into a Java array, through jtraf's native shim: one
 * {@code pread(2)} per call copies the page cache into the array, the same single copy
 * {@code cat} makes. The JDK's own positional read into a heap buffer goes through a temporary
 * direct buffer (two copies); a memory mapping paid a page fault per 64 KiB, the unmapping and
 * its TLB shoot-down, and a SIGBUS if the file was cut (native-notes/performance.md, "Replay").
 *
 * <p>The array is pinned for the call ({@code GetPrimitiveArrayCritical}), which holds off the
 * garbage collector for that long: one read of at most a chunk (256 KiB), microseconds from the
 * page cache, a few milliseconds from a local disk (a thread that needs a collection meanwhile
 * waits that long). That is why native reads are used only for files on local file systems,
 * whose reads end: on a network or FUSE file system a read can block for as long as the server
 * is away, and every thread that needed the collector meanwhile (the dashboard's, the one that
 * quits) would wait with it.
 */
final class NativeRead {
    /** {@code statfs} types (linux/magic.h) of local file systems. */
    private static final Map<Long, String> LOCAL = Map.ofEntries(
            Map.entry(0xEF53L, "ext2/3/4"), Map.entry(0x58465342L, "xfs"), Map.entry(0x9123683EL, "btrfs"),
            Map.entry(0x01021994L, "tmpfs"), Map.entry(0x858458F6L, "ramfs"), Map.entry(0xF2F52010L, "f2fs"),
            Map.entry(0x794C7630L, "overlay"), Map.entry(0x2FC12FC1L, "zfs"), Map.entry(0xCA451A4EL, "bcachefs"),
            Map.entry(0x73717368L, "squashfs"), Map.entry(0xE0F5E1E2L, "erofs"), Map.entry(0x9660L, "iso9660"),
            Map.entry(0x4D44L, "vfat"), Map.entry(0x2011BAB0L, "exfat"), Map.entry(0x5346544EL, "ntfs"),
            Map.entry(0x3153464AL, "jfs"), Map.entry(0x52654973L, "reiserfs"), Map.entry(0x3434L, "nilfs"));

    /**
     * A descriptor for native reads ({@code fd >= 0}, owned by the caller: {@link #close}), or
     * -1 and why not.
     */
    record Descriptor(int fd, String whyNot) {}

    private NativeRead() {
    }

    /** Why native reads are not available at all (the shim is missing), or null. */
    static String unavailableReason() {
        return NativeLib.unavailableReason();
    }

    /** A duplicate of the file descriptor behind {@code channel} (a JDK {@code FileChannelImpl}) for native reads, or why not. */
    static Descriptor descriptor(FileChannel channel) {
        if (unavailableReason() != null) {
            return new Descriptor(-1, unavailableReason());
        }
        int fd = fd(channel);
        if (fd < 0) {
            return new Descriptor(-1, fd == Integer.MIN_VALUE ? "no file descriptor found in this JDK's FileChannel"
                    : "cannot duplicate the file's descriptor: " + errno(-fd));
        }
        long type = fileSystemType(fd);
        if (type < 0) { // unknown (fstatfs refused, e.g. under a seccomp filter): as without the shim
            closeFd(fd);
            return new Descriptor(-1, "cannot tell the file's file system: " + errno(-type));
        }
        if (!LOCAL.containsKey(type)) {
            closeFd(fd);
            return new Descriptor(-1, "the file is not on a local file system (statfs type 0x" + Long.toHexString(type)
                    + "): a read there can block, and a blocked native read would hold off the garbage collector");
        }
        return new Descriptor(fd, null);
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
            throw new IOException(r == Long.MIN_VALUE ? "bad arguments to pread" : errno(-r));
        }
        return (int) r;
    }

    /** Linux's name and text for the errno values a read or {@code fstatfs} can give. */
    static String errno(long errno) {
        return switch ((int) errno) {
            case 1 -> "operation not permitted (EPERM)";
            case 5 -> "input/output error (EIO)";
            case 9 -> "bad file descriptor (EBADF)";
            case 12 -> "out of memory (ENOMEM)";
            case 21 -> "is a directory (EISDIR)";
            case 22 -> "invalid argument (EINVAL)";
            case 23, 24 -> "too many open files (" + (errno == 23 ? "ENFILE" : "EMFILE") + ")";
            case 38 -> "function not implemented (ENOSYS)";
            case 75 -> "value too large (EOVERFLOW)";
            case 116 -> "stale file handle (ESTALE)";
            default -> "errno " + errno;
        };
    }

    /** A duplicate of the channel's descriptor, Integer.MIN_VALUE if there is none, or -errno. */
    private static native int fd(FileChannel channel);

    private static native void closeFd(int fd);

    /** {@code fstatfs(fd).f_type}, or -errno. */
    private static native long fileSystemType(int fd);

    /** {@code pread} until {@code len} bytes or the end of the file: bytes read, {@code -errno}, or Long.MIN_VALUE for bad arguments. */
    private static native long pread(int fd, byte[] array, int off, int len, long position);
}
