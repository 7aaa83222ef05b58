package dev.jtraf.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
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
 * <li>the JDK's positional reads (two copies: the JDK reads into a temporary direct buffer
 * first): without the shim, and for files on a file system not known to be local (NFS, SMB,
 * FUSE), where a read can block as long as the server is away, which a pinned array must not.</li>
 * </ul>
 * No memory mapping: a mapped file that is cut while it is read raises SIGBUS, which the JVM
 * turns into an {@code InternalError} that compiled code may throw later, outside any handler
 * for the copy (native-notes/performance.md). {@code -Djtraf.readahead=native|positional}
 * picks one for tests and experiments (default {@code auto}: the first available). Standard
 * input, a pipe, or any input that is not a regular file is read with {@code read(2)} by the
 * reading thread alone, and data read from a pipe is handed over as it arrives.
 *
 * <p>Each chunk holds its data after {@link #RESERVE} free bytes, where the parser puts the
 * unparsed tail of the previous chunk so that a record crossing the boundary is contiguous.
 * Memory is fixed: {@value #CHUNKS} chunks of {@value #CHUNK_BYTES} bytes plus the reserve, and
 * nothing else. A regular file is read up to the size it had when it was opened: a file that
 * grows meanwhile is not followed, one cut shorter is delivered up to where it now ends and then
 * reported as such ({@link FileCut}), and a pseudo-file whose size says more than it holds (a
 * sysfs attribute says 4096 bytes) ends where its data does, as with {@code read(2)}.
 * Tuning for experiments: {@code -Djtraf.readahead.chunk=BYTES}, {@code -Djtraf.readahead.chunks=N}.
 */
final class ReadAhead implements AutoCloseable {
    static final int CHUNK_BYTES = Integer.getInteger("jtraf.readahead.chunk", 256 << 10);
    static final int CHUNKS = Integer.getInteger("jtraf.readahead.chunks", 8);
    /** Free bytes before each chunk's data, for the previous chunk's unparsed tail. */
    static final int RESERVE = 64 << 10;
    private static final long NOT_YET = Long.MAX_VALUE;
    private static final String SHORTER = "the file became shorter while it was being read";
    private static final Logger LOG = LoggerFactory.getLogger(ReadAhead.class);
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    /**
     * Thrown by {@link #next} where a file cut shorter while it was read now ends, after the
     * chunks of every byte read from it: the parser has all there is, and reports the file as
     * cut off rather than unreadable.
     */
    static final class FileCut extends IOException {
        private static final long serialVersionUID = 1L;

        FileCut(String message) {
            super(message);
        }
    }

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
    /** The job after the first short read (see {@link #endsShort}): the input ends before it. */
    private volatile long endJob = NOT_YET;
    /** Set with {@link #endJob} if the short read found the file cut: {@link #next} throws it there. */
    private volatile FileCut cut;
    private volatile boolean closed;
    /** Set by {@link #stop}: {@link #next} returns null, waiting or not. */
    private volatile boolean stopping;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** The parser's next job. */
    private long wanted;

    // a regular file
    private final FileChannel file;
    /**
     * This reader's own duplicate of the file's descriptor for native reads, or -1: then the
     * file is read with the JDK's positional reads. Closed when both the reading
     * thread has ended and {@link #close} was called ({@link #fdHolders}), whichever comes last;
     * the parser's own reads (in {@link #next}) end before {@link #close}, by contract.
     */
    private final int fd;
    private final AtomicInteger fdHolders = new AtomicInteger(2);
    private final long start;
    private final long size;

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
        NativeRead.Descriptor d = f != null && !method.equals("positional")
                ? NativeRead.descriptor(f) : new NativeRead.Descriptor(-1, "-Djtraf.readahead=" + method);
        fd = d.fd();
        if (!TOLD.getAndSet(true)) {
            LOG.info("replay: read-ahead by {}", describe(d.whyNot()));
        }
        parser = Thread.currentThread();
        thread = new Thread(this::readLoop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** How this reader reads its input, for the log and tests: {@code native}, {@code positional} or {@code stream}. */
    String method() {
        return file == null ? "stream" : fd >= 0 ? "native" : "positional";
    }

    private String describe(String whyNotNative) {
        return switch (method()) {
            case "native" -> "native pread (one copy)";
            case "stream" -> "read(2) of a stream";
            default -> "the JDK's positional reads; native reads not used: " + whyNotNative;
        };
    }

    private void readLoop() {
        try {
            if (file != null) {
                while (!closed && claimed.get() < Math.min(jobs, endJob) && failedJob == NOT_YET) {
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
            if (job >= jobs || job >= endJob || failedJob != NOT_YET) {
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
            int got = fd >= 0 ? NativeRead.read(fd, c.array, RESERVE, n, start + offset)
                    : readAt(start + offset, c.array, n);
            n = endsShort(job, n, got);
        } catch (IOException e) {
            fail(job, e);
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

    /**
     * The bytes of job {@code job} to deliver when a read of {@code n} bytes brought {@code got}:
     * fewer mean the end of the file, and the input ends with these bytes. If the file is now
     * shorter than when it was opened, it was cut while being read, and {@link #next} says so
     * there ({@link #cut}); if not, its size said more than it holds (a sysfs or procfs file
     * reports 4096 bytes), and the input just ends, as read(2) would have it. Jobs after this
     * one that were read before the cut are not delivered: the input is a prefix of the file.
     */
    private int endsShort(long job, int n, int got) throws IOException {
        if (got < n) {
            long now = file.size();
            synchronized (this) {
                if (now < size && cut == null) {
                    cut = new FileCut(SHORTER + " (" + size + " bytes when opened, " + now + " now)");
                }
                endJob = Math.min(endJob, job + 1); // before this job is published: the parser stops after it
            }
        }
        return got;
    }

    private synchronized void fail(long job, IOException e) {
        if (job < failedJob) {
            error = e;
            failedJob = job;
        }
        wakeParser();
    }

    /** Reads {@code n} bytes at {@code position} into a chunk's data with positional reads: fewer only at the end of the file. */
    private int readAt(long position, byte[] array, int n) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(array, RESERVE, n);
        while (b.hasRemaining()) {
            if (file.read(b, position + b.position() - RESERVE) < 0) {
                break;
            }
        }
        return b.position() - RESERVE;
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
     *
     * @throws FileCut where a file cut while it was read now ends (again on later calls)
     * @throws IOException where a chunk could not be read, or a stream failed
     */
    Chunk next() throws IOException {
        if (closed || stopping) {
            return null; // closed or stopped: nothing more is read (see close())
        }
        long job = wanted;
        if (job >= endJob) { // set, with cut, before the job before it was published
            if (cut != null) {
                throw cut;
            }
            return null;
        }
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
            if (stopping) {
                return null;
            }
            parserWaiting = true;
            if (c.ready != job && job < jobs && job < failedJob && job < endJob && !stopping) {
                LockSupport.parkNanos(this, 10_000_000L);
            }
            parserWaiting = false;
        }
        wanted = job + 1;
        return c;
    }

    /**
     * Makes {@link #next} return null from now on, at once even where it waits for a stream
     * whose writer stalled (the reading thread may stay blocked in its read; it is a daemon
     * thread, and {@link #close} still follows). Any thread.
     */
    void stop() {
        stopping = true;
        LockSupport.unpark(parser);
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
}
