package dev.jtraf.source;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a capture ahead of its parser into a small ring of reused heap chunks that the parser
 * then parses in place: the file's bytes are copied once, from the page cache into a chunk
 * (issue 6, native-notes/performance.md).
 *
 * <p>A regular file is cut into chunk-sized jobs, numbered in file order. A thread of its own
 * ({@code jtraf-read}) reads job after job into the ring; the parser, whenever the chunk it
 * needs next is not ready yet, reads the next unclaimed job itself instead of waiting, so both
 * cores work to the end. How a job is read, best first:
 * <ul>
 * <li>a {@code pread(2)} straight into the chunk through jtraf's native shim ({@link NativeRead}):
 * one copy, as {@code cat} makes; for files on local file systems only;</li>
 * <li>without the shim, a copy out of a memory mapping of {@value #WINDOW_BYTES}-byte windows,
 * each unmapped as soon as its last job is copied (page faults and unmapping make it about a
 * third slower);</li>
 * <li>the JDK's positional reads: where the file cannot be mapped, and, when the shim is there
 * to tell, for files on a file system not known to be local (NFS, SMB, FUSE: a read or a page
 * fault there can block as long as the server is away; without the shim such a file is
 * mapped).</li>
 * </ul>
 * {@code -Djtraf.readahead=native|map|positional} picks one for tests and experiments (default
 * {@code auto}: the first available). Standard input, a pipe, or any input that is not a
 * regular file is read with {@code read(2)} by the reading thread alone, and data read from a
 * pipe is handed over as it arrives.
 *
 * <p>Each chunk holds its data after {@link #RESERVE} free bytes, where the parser puts the
 * unparsed tail of the previous chunk so that a record crossing the boundary is contiguous.
 * Memory is fixed: {@value #CHUNKS} chunks of {@value #CHUNK_BYTES} bytes plus the reserve, and
 * at most two mapped windows. A regular file is read up to the size it had when it was
 * opened (a file that grows meanwhile is not followed; one cut shorter is reported as such).
 * Tuning for experiments: {@code -Djtraf.readahead.chunk=BYTES}, {@code -Djtraf.readahead.chunks=N}.
 */
final class ReadAhead implements AutoCloseable {
    static final int CHUNK_BYTES = Integer.getInteger("jtraf.readahead.chunk", 256 << 10);
    static final int CHUNKS = Integer.getInteger("jtraf.readahead.chunks", 8);
    /** Free bytes before each chunk's data, for the previous chunk's unparsed tail. */
    static final int RESERVE = 64 << 10;
    static final long WINDOW_BYTES = 16 << 20;
    /** Windows hold whole jobs. */
    private static final long WINDOW = CHUNK_BYTES * Math.max(1, WINDOW_BYTES / CHUNK_BYTES);
    private static final long NOT_YET = Long.MAX_VALUE;
    private static final String SHORTER = "the file became shorter while it was being read";
    private static final MethodHandle UNMAP = unmapper();
    private static final Logger LOG = LoggerFactory.getLogger(ReadAhead.class);
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    /** One chunk: data in {@code array[RESERVE, RESERVE + length)}. */
    static final class Chunk {
        final byte[] array = new byte[RESERVE + CHUNK_BYTES];
        int length;
        long job;
        /** The job whose data this chunk holds, once it is there (published by this write). */
        volatile long ready = -1;
        /** The next job this chunk may take: it is free for it. */
        volatile long freeFor;
    }

    private final ReadableByteChannel channel;
    private final Chunk[] ring = new Chunk[CHUNKS];
    /** The next job nobody has claimed yet. */
    private final AtomicLong claimed = new AtomicLong();
    /** Jobs in the input; {@link #NOT_YET} while a stream has not ended. */
    private volatile long jobs = NOT_YET;
    private final Thread thread;
    private final Thread parser;
    private volatile boolean readerWaiting;
    private volatile boolean parserWaiting;
    private volatile IOException error;
    /** The first job that could not be read; {@link #NOT_YET} while none failed. */
    private volatile long failedJob = NOT_YET;
    private volatile boolean closed;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** The parser's next job. */
    private long wanted;

    // a regular file
    private final FileChannel file;
    /**
     * This reader's own duplicate of the file's descriptor for native reads, or -1: then the
     * file is mapped, or read with the JDK's positional reads. Closed when both the reading
     * thread has ended and {@link #close} was called ({@link #fdHolders}), whichever comes last;
     * the parser's own reads (in {@link #next}) end before {@link #close}, by contract.
     */
    private final int fd;
    private final AtomicInteger fdHolders = new AtomicInteger(2);
    private final long start;
    private final long size;
    /** False once mapping failed (or with {@code -Djtraf.readahead=positional}): jobs are then read with the JDK's positional reads. */
    private volatile boolean mappable;
    /** Mapped windows by index, each until its last job is copied (guarded by this). */
    private final Map<Long, Window> windows = new HashMap<>();

    private static final class Window {
        final MappedByteBuffer map;
        final long bytes;
        long copied;

        Window(MappedByteBuffer map, long bytes) {
            this.map = map;
            this.bytes = bytes;
        }
    }

    ReadAhead(ReadableByteChannel channel, String threadName) {
        this.channel = channel;
        for (int i = 0; i < CHUNKS; i++) {
            ring[i] = new Chunk();
            ring[i].freeFor = i;
        }
        FileChannel f = null;
        long st = 0;
        long sz = 0;
        if (channel instanceof FileChannel) {
            try {
                FileChannel fc = (FileChannel) channel;
                st = fc.position();
                sz = fc.size();
                if (sz > st) { // empty, or not a regular file (size 0): read(2) tells
                    f = fc;
                    jobs = (sz - st + CHUNK_BYTES - 1) / CHUNK_BYTES;
                }
            } catch (IOException e) {
                f = null; // read(2) will meet the problem and report it
            }
        }
        file = f;
        start = st;
        size = sz;
        String method = System.getProperty("jtraf.readahead", "auto");
        NativeRead.Descriptor d = f != null && !method.equals("map") && !method.equals("positional")
                ? NativeRead.descriptor(f) : new NativeRead.Descriptor(-1, "-Djtraf.readahead=" + method, false);
        fd = d.fd();
        // a network or FUSE file system: no mapping either, whose page faults can block just as long
        mappable = UNMAP != null && !method.equals("positional") && !d.remote();
        if (!TOLD.getAndSet(true)) {
            LOG.info("replay: read-ahead by {}", describe(d.whyNot()));
        }
        parser = Thread.currentThread();
        thread = new Thread(this::readLoop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** How this reader reads its input, for the log and tests: {@code native}, {@code map}, {@code positional} or {@code stream}. */
    String method() {
        return file == null ? "stream" : fd >= 0 ? "native" : mappable ? "map" : "positional";
    }

    private String describe(String whyNotNative) {
        return switch (method()) {
            case "native" -> "native pread (one copy)";
            case "stream" -> "read(2) of a stream";
            case "map" -> "copies out of a memory mapping; native reads not used: " + whyNotNative;
            default -> "the JDK's positional reads; native reads not used: " + whyNotNative;
        };
    }

    private void readLoop() {
        try {
            if (file != null) {
                while (!closed && claimed.get() < jobs && failedJob == NOT_YET) {
                    if (!copyOne()) {
                        awaitFreeChunk();
                    }
                }
            } else {
                readStream();
            }
        } catch (IOException e) {
            if (!closed) {
                error = e;
            }
        } finally {
            if (jobs == NOT_YET) {
                jobs = claimed.get(); // the stream ended, or failed: nothing more comes
            }
            wakeParser();
            dropFd();
        }
    }

    /**
     * Claims the next job if a chunk is free for it and copies it; false if none could be
     * claimed. A job that cannot be read is remembered with its error, for the parser to
     * report when it gets there (the chunks before it are still delivered).
     */
    private boolean copyOne() {
        long job;
        Chunk c;
        do {
            job = claimed.get();
            if (job >= jobs || failedJob != NOT_YET) {
                return false;
            }
            c = ring[(int) (job % CHUNKS)];
            if (c.freeFor != job) {
                return false; // the ring is full
            }
        } while (!claimed.compareAndSet(job, job + 1));
        long offset = job * CHUNK_BYTES;
        int n = (int) Math.min(CHUNK_BYTES, size - start - offset);
        try {
            if (fd >= 0) {
                if (NativeRead.read(fd, c.array, RESERVE, n, start + offset) < n) {
                    throw new IOException(SHORTER);
                }
            } else {
                long w = offset / WINDOW;
                Window m = mappable ? mapped(w) : null;
                if (m == null) {
                    readAt(start + offset, c.array, n);
                } else {
                    try {
                        m.map.get((int) (offset - w * WINDOW), c.array, RESERVE, n);
                    } finally {
                        copied(w, m, n);
                    }
                }
            }
        } catch (IOException e) {
            fail(job, e);
            return true;
        } catch (InternalError e) { // SIGBUS: the file was cut while it was being read
            fail(job, new IOException(SHORTER));
            return true;
        } catch (RuntimeException | Error e) { // never leave the parser waiting for this job
            fail(job, new IOException(String.valueOf(e), e));
            return true;
        }
        c.length = n;
        c.job = job;
        c.ready = job;
        if (parserWaiting && Thread.currentThread() != parser) {
            LockSupport.unpark(parser);
        }
        return true;
    }

    private synchronized void fail(long job, IOException e) {
        if (job < failedJob) {
            error = e;
            failedJob = job;
        }
        wakeParser();
    }

    /**
     * Window {@code w} (file bytes from {@code start + w * WINDOW}), mapped by the first job
     * that needs it; null if the file cannot be mapped (some FUSE file systems), after which
     * every job is read with a positional {@code read(2)} instead.
     */
    private synchronized Window mapped(long w) throws IOException {
        Window m = windows.get(w);
        if (m == null) {
            long at = w * WINDOW;
            long bytes = Math.min(WINDOW, size - start - at);
            if (file.size() < start + at + bytes) {
                throw new IOException(SHORTER); // mapping past the end would try to extend it
            }
            try {
                m = new Window(file.map(FileChannel.MapMode.READ_ONLY, start + at, bytes), bytes);
            } catch (IOException | UnsupportedOperationException e) {
                mappable = false;
                return null;
            }
            windows.put(w, m);
        }
        return m;
    }

    /** Reads {@code n} bytes at {@code position} into a chunk's data with positional reads. */
    private void readAt(long position, byte[] array, int n) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(array, RESERVE, n);
        while (b.hasRemaining()) {
            if (file.read(b, position + b.position() - RESERVE) < 0) {
                throw new IOException(SHORTER);
            }
        }
    }

    /** Counts a copy out of window {@code w}; unmaps the window once every byte of it is copied. */
    private synchronized void copied(long w, Window m, int n) {
        m.copied += n;
        if (m.copied >= m.bytes) {
            windows.remove(w);
            unmap(m.map);
        }
    }

    private void readStream() throws IOException {
        ByteBuffer direct = ByteBuffer.allocateDirect(CHUNK_BYTES);
        while (!closed) {
            long job = claimed.get();
            Chunk c = ring[(int) (job % CHUNKS)];
            if (c.freeFor != job) {
                awaitFreeChunk();
                continue;
            }
            direct.clear();
            int r = channel.read(direct);
            if (r < 0) {
                return;
            }
            direct.flip();
            c.length = direct.remaining();
            direct.get(c.array, RESERVE, c.length);
            c.job = job;
            claimed.set(job + 1);
            c.ready = job;
            wakeParser();
        }
    }

    /** Parks the reading thread until the parser gives a chunk back (or 100 ms pass: look at closed again). */
    private void awaitFreeChunk() {
        readerWaiting = true;
        long job = claimed.get();
        if (job < jobs && ring[(int) (job % CHUNKS)].freeFor != job && !closed) {
            LockSupport.parkNanos(this, 100_000_000L);
        }
        readerWaiting = false;
    }

    private void wakeParser() {
        if (parserWaiting) {
            LockSupport.unpark(parser);
        }
    }

    /**
     * The next chunk of data (on the thread that created this reader), copying it or another
     * one itself rather than waiting where it can; null at the end of the input. Give it back
     * with {@link #release} once nothing refers to its array any more.
     */
    Chunk next() throws IOException {
        if (closed) {
            return null; // closed: nothing more is read (see close())
        }
        long job = wanted;
        Chunk c = ring[(int) (job % CHUNKS)];
        while (c.ready != job) {
            if (job >= failedJob) {
                throw error;
            }
            if (job >= jobs) {
                if (error != null) { // a stream that failed
                    throw error;
                }
                return null; // the end stays the end for later calls
            }
            if (file != null && copyOne()) {
                continue;
            }
            parserWaiting = true;
            if (c.ready != job && job < jobs && job < failedJob) {
                LockSupport.parkNanos(this, 10_000_000L);
            }
            parserWaiting = false;
        }
        wanted = job + 1;
        return c;
    }

    /** Gives a chunk back for reading into (in any order). */
    void release(Chunk c) {
        if (c != null) {
            c.freeFor = c.job + CHUNKS;
            if (readerWaiting) {
                LockSupport.unpark(thread);
            }
        }
    }

    /**
     * Stops the reading thread within 100 ms, or as soon as its current read returns (from a
     * stream such as standard input, which is never closed: when input arrives or ends).
     * Contract: call it on the parser's thread after its last {@link #next}, or once that thread
     * has ended, never while it may still be in {@link #next} (whose own reads use the
     * descriptor this closes). Never blocks. Idempotent.
     */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            closed = true;
            LockSupport.unpark(thread);
            dropFd();
        }
    }

    /** One holder of {@link #fd} is done with it; the last one closes it. */
    private void dropFd() {
        if (fd >= 0 && fdHolders.decrementAndGet() == 0) {
            NativeRead.close(fd);
        }
    }

    private static void unmap(MappedByteBuffer b) {
        try {
            UNMAP.invokeExact((ByteBuffer) b);
        } catch (Throwable e) {
            // left to the garbage collector; only resident memory is at stake
        }
    }

    /** {@code sun.misc.Unsafe.invokeCleaner} (jdk.unsupported), or null where it is missing. */
    private static MethodHandle unmapper() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(f.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
