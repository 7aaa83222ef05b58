package dev.jtraf.source;

import dev.jtraf.decode.LinkType;
import dev.jtraf.source.SourceException.Kind;
import java.sql.Timestamp;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;
import org.pcap4j.packet.namednumber.DataLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live capture of every interface through one libpcap handle on the Linux {@code any} device,
 * in LINUX_SLL2 framing, so that each frame carries the ifindex it crossed and its direction,
 * and interfaces that appear later are captured from their first frame.
 *
 * <p>pcap4j opens, configures, breaks and closes the handle. Frames (and the drop counters)
 * come through {@link NativeBatch} (one native {@code pcap_dispatch} per batch into a reused
 * direct buffer, no allocation per frame) wherever its shim is available, else through pcap4j's
 * {@code loop} with a raw listener, which allocates a byte array, timestamp and boxed length
 * per frame, and its {@code getStats}; both deliver the same frames. {@code -Djtraf.capture=pcap4j} forces the latter
 * (native-notes/performance.md). Stopping follows the only safe order: breakLoop, let
 * {@link #run} return, then {@link #close}. Why {@code any} and not one handle per
 * interface: native-notes/capture-design.md.
 */
public final class PcapLiveSource implements PacketSource {
    private static final Logger LOG = LoggerFactory.getLogger(PcapLiveSource.class);
    private static final int PCAP_ERROR_PERM_DENIED = -8;

    private final int snaplen;
    private final int bufferBytes;
    private volatile PcapHandle handle;
    /** The open handle's snap length (for {@link SnapFilter#originalLength}). */
    private volatile int snapshot;
    private volatile boolean stopped;
    private volatile boolean nativeBatch;
    private volatile NativeBatch batch;
    private volatile long drops;
    private long lastRawDrops;

    /**
     * @param snaplen     bytes kept of each frame (headers only: 256 covers VLAN, IPv6 extension headers)
     * @param bufferBytes the kernel ring size
     */
    public PcapLiveSource(int snaplen, int bufferBytes) {
        this.snaplen = snaplen;
        this.bufferBytes = bufferBytes;
    }

    /**
     * Opens the capture handle; separate from {@link #run} so that a missing privilege is
     * reported before anything else starts.
     */
    public void open() throws SourceException {
        try {
            PcapHandle h = new PcapHandle.Builder("any")
                    .snaplen(snaplen)
                    .timeoutMillis(100)
                    .bufferSize(bufferBytes)
                    .promiscuousMode(PromiscuousMode.NONPROMISCUOUS)
                    .timestampPrecision(PcapHandle.TimestampPrecision.NANO)
                    .build();
            try {
                h.setDlt(DataLinkType.getInstance(LinkType.LINUX_SLL2));
            } catch (PcapNativeException | NotOpenException e) {
                h.close();
                throw new SourceException(Kind.CAPTURE_FAILED, "libpcap cannot capture in LINUX_SLL2 framing ("
                        + e.getMessage() + "); jtraf needs libpcap 1.10 or newer (Debian 12: apt-get install libpcap0.8)");
            }
            snapshot = keepOnlySnaplenInKernel(h);
            handle = h;
        } catch (PcapNativeException e) {
            Integer rc = e.getReturnCode();
            String msg = String.valueOf(e.getMessage());
            if ((rc != null && rc == PCAP_ERROR_PERM_DENIED) || msg.contains("not permitted") || msg.contains("ermission")) {
                throw new SourceException(Kind.PERMISSION, "no permission to capture packets (CAP_NET_RAW and CAP_NET_ADMIN"
                        + " are needed): run as root, or once: sudo setcap cap_net_raw,cap_net_admin+eip "
                        + realJavaBinary());
            }
            throw new SourceException(Kind.CAPTURE_FAILED, "cannot open the capture: " + msg);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new SourceException(Kind.CAPTURE_FAILED, "libpcap was not found (" + e.getMessage()
                    + "); install it: apt-get install libpcap0.8");
        }
    }

    /**
     * Installs the accept-all filter whose return value is the snap length: the kernel then
     * copies only that much of each frame into the capture ring. Without a filter it copies
     * whole frames and libpcap cuts them in user space, so a ring block held a third as many
     * frames, the capture thread woke three times as often, and each frame cost more memory
     * traffic (native-notes/performance.md). Counting is unchanged: the original length still
     * comes with every frame. jtraf's own program ({@link SnapFilter}) also marks frames whose
     * VLAN tag the kernel took out; where it cannot be attached, libpcap's empty filter does the
     * rest (if the kernel refused that too, libpcap would filter in user space and say so on
     * stderr itself); if neither can be set, capture goes on without a filter.
     *
     * @return the handle's snap length
     */
    private int keepOnlySnaplenInKernel(PcapHandle h) {
        int snap = snaplen;
        String why;
        try {
            snap = h.getSnapshot();
            why = SnapFilter.attach(h, snap);
        } catch (NotOpenException e) {
            why = e.getMessage();
        }
        if (why == null) {
            return snap;
        }
        LOG.warn("live capture: jtraf's kernel filter not attached ({}): VLAN tags the kernel took out of frames"
                + " are not counted", why);
        try {
            h.setFilter("", BpfProgram.BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException | NotOpenException e) {
            LOG.warn("live capture: no kernel snap-length filter ({}); whole frames are copied into the ring", e.getMessage());
        }
        return snap;
    }

    /** The java binary the setcap hint must name: the real file, not the alternatives symlink. */
    static String realJavaBinary() {
        try {
            return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toRealPath().toString();
        } catch (java.io.IOException e) {
            return "$(readlink -f $(which java))";
        }
    }

    @Override
    public void run(FrameSink sink) throws SourceException {
        PcapHandle h = handle;
        if (h == null) {
            open();
            h = handle;
        }
        NativeBatch batch = NativeBatch.attach(h, snaplen);
        if (batch != null) {
            nativeBatch = true;
            this.batch = batch;
            if (batch.run(sink, LinkType.LINUX_SLL2, () -> stopped) == NativeBatch.End.ERROR) {
                throw new SourceException(Kind.CAPTURE_FAILED, "live capture failed: " + batch.error());
            }
            return;
        }
        final PcapHandle loopHandle = h;
        final int snap = snapshot;
        RawPacketListener listener = packet -> {
            try {
                Timestamp ts = loopHandle.getTimestamp();
                long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
                Integer original = loopHandle.getOriginalLength();
                sink.frame(0, LinkType.LINUX_SLL2, packet, 0, packet.length,
                        original == null ? packet.length : SnapFilter.originalLength(packet.length, original, snap), nanos);
            } catch (RuntimeException e) {
                // pcap4j would log this at ERROR for every frame; count it once in our log instead
                LOG.error("frame handling failed", e);
            }
        };
        try {
            while (!stopped) {
                loopHandle.loop(-1, listener);
            }
        } catch (InterruptedException e) {
            // breakLoop() ends loop() this way (pcap4j #217): a normal stop
        } catch (PcapNativeException e) {
            if (!stopped) {
                throw new SourceException(Kind.CAPTURE_FAILED, "live capture failed: " + e.getMessage());
            }
        } catch (NotOpenException e) {
            // closed underneath us: stopping
        }
    }

    /**
     * Whether {@link #run} captures through the native batch path ({@link NativeBatch}) rather
     * than pcap4j's loop; known once {@code run} has started.
     */
    public boolean usesNativeBatch() {
        return nativeBatch;
    }

    @Override
    public void stop() {
        stopped = true;
        PcapHandle h = handle;
        if (h != null) {
            try {
                h.breakLoop();
            } catch (NotOpenException e) {
                // already closed: nothing to break
            }
        }
    }

    /**
     * Reads libpcap's statistics; call from one thread only (the sampler), never concurrently
     * with {@link #close}. Through the native batch path's own call where it is in use (cheap:
     * this runs twice a second for as long as jtraf does), else through pcap4j.
     */
    public void sampleStatistics() {
        PcapHandle h = handle;
        if (h == null || !h.isOpen()) {
            return;
        }
        NativeBatch b = batch;
        if (b != null) {
            long raw = b.drops();
            if (raw >= 0) {
                addRawDrops(raw);
            }
            return;
        }
        try {
            PcapStat s = h.getStats();
            addRawDrops(s.getNumPacketsDropped() + s.getNumPacketsDroppedByIf());
        } catch (PcapNativeException | NotOpenException e) {
            LOG.debug("pcap_stats failed", e);
        }
    }

    /** ps_drop + ps_ifdrop now: both are unsigned 32-bit and wrap, so deltas accumulate modulo 2^32. */
    private void addRawDrops(long sum) {
        long raw = sum & 0xFFFF_FFFFL;
        drops += (raw - lastRawDrops) & 0xFFFF_FFFFL;
        lastRawDrops = raw;
    }

    @Override
    public long captureDrops() {
        return drops;
    }

    @Override
    public boolean isLive() {
        return true;
    }

    @Override
    public void close() {
        PcapHandle h = handle;
        if (h != null) {
            sampleStatistics();
            handle = null;
            h.close();
        }
    }
}
