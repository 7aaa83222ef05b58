package dev.jtraf.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a channel ahead of its consumer on a thread of its own, into a small ring of reused
 * direct buffers, so that the kernel's copy out of the page cache (the cost {@code cat} pays)
 * runs in parallel with parsing and counting on the capture thread.
 *
 * <p>Why: replay is bounded by that copy (issue 6, native-notes/performance.md). Reading into
 * a heap array through a {@code FileChannel} costs two copies (the JDK reads into a temporary
 * direct buffer and copies from it); memory-mapping costs a page fault per few pages, which in
 * a VM is slower than copying. One copy into a direct buffer on another core, then a bulk copy
 * of each chunk (still in the shared cache) into the parser's array, keeps the capture thread
 * below the reader thread's cost, so a replay runs at about the speed of {@code cat}.
 *
 * <p>Memory is fixed: {@value #CHUNKS} chunks of {@value #CHUNK_BYTES} bytes, whatever the
 * file size. Each read that returns data is handed over at once, so a pipe on standard input
 * is parsed as it arrives.
 */
final class ReadAhead implements AutoCloseable {
    static final int CHUNK_BYTES = Integer.getInteger("ra.chunk", 1 << 20);
    static final int CHUNKS = Integer.getInteger("ra.chunks", 4);
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final ReadableByteChannel channel;
    private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread thread;
    private volatile IOException error;
    private volatile boolean closed;
    private ByteBuffer current;

    ReadAhead(ReadableByteChannel channel, String threadName) {
        this.channel = channel;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(ByteBuffer.allocateDirect(CHUNK_BYTES));
        }
        thread = new Thread(this::readLoop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void readLoop() {
        try {
            while (!closed) {
                ByteBuffer b = free.poll(100, TimeUnit.MILLISECONDS);
                if (b == null) {
                    continue; // the consumer is behind (or paused): look at closed again
                }
                b.clear();
                int r = channel.read(b);
                if (r < 0) {
                    break;
                }
                b.flip();
                full.put(b);
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

    /**
     * Copies up to {@code len} bytes into {@code dst} at {@code off}, waiting for data if none
     * was read ahead yet. Returns how many (at least 1), or -1 at the end of the input.
     */
    int read(byte[] dst, int off, int len) throws IOException {
        if (current == null) {
            try {
                current = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading", e);
            }
        }
        if (current == END) {
            full.offer(END); // the end stays the end for later calls
            current = null;
            IOException e = error;
            if (e != null) {
                throw e;
            }
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(dst, off, n);
        if (!current.hasRemaining()) {
            free.offer(current);
            current = null;
        }
        return n;
    }

    /**
     * Stops the reading thread within 100 ms, or, if it is blocked reading, when the caller
     * closes the channel (a file) or the input ends (standard input, which is never closed).
     */
    @Override
    public void close() {
        closed = true;
    }
}
