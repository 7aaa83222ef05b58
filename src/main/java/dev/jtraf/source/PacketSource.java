package dev.jtraf.source;

/**
 * Where frames come from: a live capture or a capture file. Nothing downstream of a source
 * knows which; the source supplies the clock through its frames' timestamps.
 *
 * <p>{@link #run} is called once, on the thread that becomes the single writer of every
 * counter the sink updates; {@link #stop} and the statistics getters may be called from any
 * thread.
 */
public interface PacketSource extends AutoCloseable {
    /**
     * Delivers frames to {@code sink} until the source ends (end of file) or {@link #stop} is
     * called. Everything delivered before a failure stays delivered.
     *
     * @throws SourceException with a one-line message naming the problem and the fix
     */
    void run(FrameSink sink) throws SourceException;

    /** Asks {@link #run} to return soon. Idempotent; any thread. */
    void stop();

    /** Frames the kernel dropped because we did not read fast enough; 0 for files. Any thread. */
    long captureDrops();

    /** Whether this source's clock is the wall clock (live) rather than the frames' time (replay). */
    boolean isLive();

    /**
     * A replay's position in recorded time between frames (a paced replay waiting through a
     * gap), or {@code Long.MIN_VALUE} if the frames' time is all there is. Any thread.
     */
    default long positionNanos() {
        return Long.MIN_VALUE;
    }

    /** Releases native resources. Call after {@link #run} returned. */
    @Override
    void close();
}
