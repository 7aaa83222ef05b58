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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a capture ahead of its parser, on a thread of its own, into a small ring of reused
 * heap chunks that the parser then parses in place: the file's bytes are copied once, from the
 * page cache into a chunk, and that copy runs on the second core while the capture thread
 * counts (issue 6, native-notes/performance.md).
 *
 * <p>A regular file is memory-mapped a window at a time and copied out of the mapping (faster
 * than {@code read(2)} here, and a heap array read through a {@code FileChannel} would cost a
 * second copy); each window is unmapped as soon as it is copied, so resident memory stays flat
 * whatever the file size. Anything else (standard input, or where unmapping is unavailable) is
 * read with {@code read(2)} into a direct buffer. Each chunk holds its data after
 * {@link #RESERVE} free bytes, where the parser puts the unparsed tail of the previous chunk so
 * that a record crossing the boundary is contiguous without copying the rest.
 *
 * <p>Memory is fixed: {@value #CHUNKS} chunks of {@value #CHUNK_BYTES} bytes (plus the reserve)
 * and one {@value #WINDOW_BYTES}-byte mapping at a time. Data read from a pipe is handed over
 * as it arrives, so {@code -r -} is parsed as it comes. Tuning for experiments:
 * {@code -Djtraf.readahead.chunk=BYTES}, {@code -Djtraf.readahead.chunks=N}.
 */
final class ReadAhead implements AutoCloseable {
    static final int CHUNK_BYTES = Integer.getInteger("jtraf.readahead.chunk", 256 << 10);
    static final int CHUNKS = Integer.getInteger("jtraf.readahead.chunks", 8);
    /** Free bytes before each chunk's data, for the previous chunk's unparsed tail. */
    static final int RESERVE = 64 << 10;
    static final long WINDOW_BYTES = 16 << 20;

    /** One chunk: data in {@code array[RESERVE, RESERVE + length)}. */
    static final class Chunk {
        final byte[] array = new byte[RESERVE + CHUNK_BYTES];
        int length;
    }

    private static final Chunk END = new Chunk();
    private static final MethodHandle UNMAP = unmapper();

    private final ReadableByteChannel channel;
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread thread;
    private volatile IOException error;
    private volatile boolean closed;

    ReadAhead(ReadableByteChannel channel, String threadName) {
        this.channel = channel;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new Chunk());
        }
        thread = new Thread(this::readLoop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void readLoop() {
        try {
            if (!(channel instanceof FileChannel) || UNMAP == null || !readMapped((FileChannel) channel)) {
                readStream();
            }
        } catch (IOException e) {
            if (!closed) {
                error = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            full.offer(END);
        }
    }

    /** Copies the file out of one mapped window at a time; false if it cannot be mapped. */
    private boolean readMapped(FileChannel ch) throws IOException, InterruptedException {
        long position = ch.position();
        long size = ch.size();
        if (size <= position) {
            return false; // empty, or not a regular file (size 0): read(2) tells
        }
        while (!closed) {
            size = ch.size();
            if (position >= size) {
                return true;
            }
            long length = Math.min(WINDOW_BYTES, size - position);
            MappedByteBuffer window;
            try {
                window = ch.map(FileChannel.MapMode.READ_ONLY, position, length);
            } catch (IOException | UnsupportedOperationException e) {
                ch.position(position); // go on with read(2) from here
                return false;
            }
            try {
                int at = 0;
                while (at < length && !closed) {
                    Chunk c = nextFree();
                    if (c == null) {
                        continue;
                    }
                    int n = (int) Math.min(CHUNK_BYTES, length - at);
                    window.get(at, c.array, RESERVE, n);
                    c.length = n;
                    full.put(c);
                    at += n;
                }
            } finally {
                unmap(window);
            }
            position += length;
        }
        return true;
    }

    private void readStream() throws IOException, InterruptedException {
        ByteBuffer direct = ByteBuffer.allocateDirect(CHUNK_BYTES);
        while (!closed) {
            Chunk c = nextFree();
            if (c == null) {
                continue;
            }
            direct.clear();
            int r = channel.read(direct);
            if (r < 0) {
                free.put(c);
                return;
            }
            direct.flip();
            c.length = direct.remaining();
            direct.get(c.array, RESERVE, c.length);
            full.put(c);
        }
    }

    /** A free chunk, or null after 100 ms (the parser is behind, or paused: look at closed again). */
    private Chunk nextFree() throws InterruptedException {
        return free.poll(100, TimeUnit.MILLISECONDS);
    }

    /**
     * The next chunk of data, waiting for it if none was read ahead yet; null at the end of the
     * input. Give it back with {@link #release} once nothing refers to its array any more.
     */
    Chunk next() throws IOException {
        Chunk c;
        try {
            c = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading", e);
        }
        if (c == END) {
            full.offer(END); // the end stays the end for later calls
            IOException e = error;
            if (e != null) {
                throw e;
            }
            return null;
        }
        return c;
    }

    void release(Chunk c) {
        if (c != null && c != END) {
            free.offer(c);
        }
    }

    /**
     * Stops the reading thread within 100 ms, or, if it is blocked reading, when the caller
     * closes the channel (a file) or the input ends (standard input, which is never closed).
     */
    @Override
    public void close() {
        closed = true;
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
