package dev.jtraf.source;

import com.sun.jna.Function;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live fast path below pcap4j: drains libpcap's buffer with one native call per batch
 * ({@code pcap_dispatch} with a C callback, in {@code src/main/c/jtrafpcap.c}) into a reused
 * direct buffer, which is then parsed here without allocating per frame. pcap4j still opens,
 * configures and closes the handle, sets filters and breaks the loop; only the per-frame JNA
 * upcall (and its byte[], Timestamp and boxed length) is bypassed, and the twice-a-second
 * {@code pcap_stats} ({@link #drops()}).
 *
 * <p>The shim is built by Maven when a C compiler is present and packed into the jar; it is
 * loaded on first use ({@link NativeLib}). When anything is missing (no shim in
 * the jar, load failure, a pcap4j without the private fields used here, or
 * {@code -Djtraf.capture=pcap4j}) {@link #attach} returns null, the reason is logged once, and
 * the caller uses pcap4j's loop. Why this design: native-notes/performance.md.
 */
final class NativeBatch {
    /** System property choosing the capture path: {@code auto} (default) or {@code pcap4j}. */
    static final String PROPERTY = "jtraf.capture";

    private static final Logger LOG = LoggerFactory.getLogger(NativeBatch.class);
    private static final int HEADER = 16;
    private static final int RECORD_HEADER = 16;
    private static final int MAX_FRAMES = 8192;
    private static final int MIN_BUFFER = 1 << 20;

    /** Null when the native path can be used, else why not (computed once). */
    private static final String UNAVAILABLE;
    private static final long DISPATCH_FN;
    private static final long STATS_FN;

    static {
        String why = null;
        long fn = 0;
        long statsFn = 0;
        try {
            why = NativeLib.unavailableReason();
            if (why == null) {
                fn = Pointer.nativeValue(Function.getFunction(PcapInternals.LIBRARY, "pcap_dispatch"));
                statsFn = Pointer.nativeValue(Function.getFunction(PcapInternals.LIBRARY, "pcap_stats"));
                if (PcapInternals.PROBLEM != null) {
                    why = PcapInternals.PROBLEM;
                } else if (fn == 0) {
                    why = "pcap_dispatch not found in libpcap";
                }
            }
        } catch (RuntimeException | LinkageError e) {
            why = "cannot reach libpcap below pcap4j: " + e;
        }
        UNAVAILABLE = why;
        DISPATCH_FN = fn;
        STATS_FN = statsFn;
    }

    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private final PcapHandle handle;
    private final long pcap;
    private final Lock readLock;
    private final ByteBuffer direct;
    private final byte[] bytes;
    private final int maxFrames;
    private final int fractionToNanos;
    /** The handle's snap length, for {@link SnapFilter#originalLength}. */
    private final int snapshot;
    private long overflow;

    private NativeBatch(PcapHandle handle, long pcap, Lock readLock, int snaplen, int snapshot) {
        this.handle = handle;
        this.pcap = pcap;
        this.readLock = readLock;
        int record = (RECORD_HEADER + Math.max(snaplen, 64) + 7) & ~7;
        int capacity = Math.max(MIN_BUFFER, HEADER + 16 * record);
        this.maxFrames = Math.min(MAX_FRAMES, (capacity - HEADER) / record);
        this.direct = ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
        this.bytes = new byte[capacity];
        this.fractionToNanos = handle.getTimestampPrecision() == PcapHandle.TimestampPrecision.NANO ? 1 : 1000;
        this.snapshot = snapshot;
    }

    /** Why the native path is not used, or null if it is. */
    static String unavailableReason() {
        return forcedPcap4j() ? "forced by -D" + PROPERTY + "=pcap4j" : UNAVAILABLE;
    }

    private static boolean forcedPcap4j() {
        return "pcap4j".equalsIgnoreCase(System.getProperty(PROPERTY, "auto").trim());
    }

    /**
     * The native path for this open handle, or null (reason logged once per JVM) to use pcap4j.
     *
     * @param snaplen the handle's snap length: no frame is longer, which sizes the batch
     */
    static NativeBatch attach(PcapHandle handle, int snaplen) {
        String why = unavailableReason();
        if (why == null) {
            try {
                int snapshot = handle.getSnapshot();
                int snap = Math.max(snaplen, snapshot);
                long pcap = Pointer.nativeValue(PcapInternals.pcapT(handle));
                Lock lock = PcapInternals.readLock(handle);
                if (pcap != 0) {
                    NativeBatch batch = new NativeBatch(handle, pcap, lock, snap, snapshot);
                    if (!TOLD.getAndSet(true)) {
                        LOG.info("live capture: native batch path (one pcap_dispatch per batch of up to {} frames)",
                                batch.maxFrames);
                    }
                    return batch;
                }
                why = "the handle has no pcap_t";
            } catch (IllegalAccessException | NotOpenException | RuntimeException e) {
                why = "cannot attach to the handle: " + e;
            }
        }
        if (!TOLD.getAndSet(true)) {
            LOG.info("live capture: pcap4j loop; native batch path not used: {}", why);
        }
        return null;
    }

    /** What {@link #run} reports when the loop ends. */
    enum End { STOPPED, ERROR }

    /** Tells the capture loop whether to go on. */
    interface StopFlag {
        boolean stopped();
    }

    /**
     * Captures until {@code stop} says so (after {@code pcap_breakloop}) or libpcap fails.
     * Holds pcap4j's handle read lock meanwhile, so that {@code close()} waits for it as it
     * waits for pcap4j's own loop.
     *
     * @return {@link End#ERROR} if libpcap failed (message: {@link #error()})
     */
    End run(FrameSink sink, int linkType, StopFlag stop) {
        readLock.lock();
        try {
            while (!stop.stopped()) {
                if (!handle.isOpen()) {
                    return End.STOPPED;
                }
                int rc = dispatchOnce(sink, linkType);
                if (rc == -1 || rc < -2) {
                    return stop.stopped() ? End.STOPPED : End.ERROR;
                }
                // rc -2: pcap_breakloop; the loop condition decides (as pcap4j's loop does)
            }
            return End.STOPPED;
        } finally {
            readLock.unlock();
        }
    }

    /**
     * One batch: one {@code pcap_dispatch} call, then its frames to {@code sink}. Returns
     * {@code pcap_dispatch}'s result (0 at the end of a savefile, -2 after a breakloop, -1 on
     * an error); the frames libpcap delivered before a -2 are delivered too. Capture thread only.
     */
    int dispatchOnce(FrameSink sink, int linkType) {
        int rc = dispatch(DISPATCH_FN, pcap, direct, maxFrames, fractionToNanos);
        deliver(sink, linkType);
        return rc;
    }

    /** Frames per batch at most. */
    int maxFrames() {
        return maxFrames;
    }

    private void deliver(FrameSink sink, int linkType) {
        ByteBuffer d = direct;
        int frames = d.getInt(0);
        int end = d.getInt(4);
        int lost = d.getInt(8);
        if (lost != 0) {
            if (overflow == 0) {
                LOG.error("native batch: {} frame(s) did not fit the batch buffer (snaplen larger than"
                        + " the handle's?); their bytes were cut", lost);
            }
            overflow += lost;
        }
        if (frames <= 0) {
            return;
        }
        byte[] b = bytes;
        d.get(HEADER, b, HEADER, end - HEADER);
        int p = HEADER;
        for (int i = 0; i < frames; i++) {
            long ts = d.getLong(p);
            int caplen = d.getInt(p + 8);
            int origlen = SnapFilter.originalLength(caplen, d.getInt(p + 12), snapshot);
            try {
                sink.frame(0, linkType, b, p + RECORD_HEADER, caplen, origlen, ts);
            } catch (RuntimeException e) {
                LOG.error("frame handling failed", e);
            }
            p += (RECORD_HEADER + caplen + 7) & ~7;
        }
    }

    /**
     * libpcap's drop counters now, {@code ps_drop + ps_ifdrop} (each unsigned 32-bit and
     * wrapping, so the sum may pass 2^32), or -1 if the handle is closed or {@code pcap_stats}
     * failed. pcap4j's {@code getStats} reads the same through JNA with a new Structure per
     * call, a long way in the interpreter for a sampler that runs twice a second for as long as
     * jtraf does; this is one native call and allocates nothing. Holds the handle's read lock
     * as pcap4j does. One sampling thread at a time.
     */
    long drops() {
        if (!readLock.tryLock()) {
            return -1; // closing
        }
        try {
            if (!handle.isOpen()) {
                return -1;
            }
            long d = drops(STATS_FN, pcap);
            return d < 0 ? -1 : d;
        } finally {
            readLock.unlock();
        }
    }

    /** libpcap's error text after {@link End#ERROR}. */
    String error() {
        try {
            return handle.getError();
        } catch (NotOpenException e) {
            return "handle closed";
        }
    }

    private static native int dispatch(long dispatchFn, long pcap, ByteBuffer buffer, int maxFrames,
            int fractionToNanos);

    private static native long drops(long statsFn, long pcap);
}
