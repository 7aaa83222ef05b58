package dev.jtraf.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.bench.CaptureGen;
import dev.jtraf.decode.LinkType;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;

/**
 * The native batch path against pcap4j's loop on the same frames. libpcap's pcap_dispatch
 * works on savefiles as on live handles, so the JNI shim, the batch layout and its parsing are
 * checked here without privileges: every frame's timestamp, lengths and bytes must be equal,
 * over many batches (the file's 256 KiB snap length makes batches of 16 frames). The live
 * counterpart (same traffic, both paths, equal dump totals) is NativeCaptureLabTest.
 */
class NativeBatchTest {
    private static final int FRAMES = 3000;

    /** One delivered frame, comparable. */
    private record Seen(long ts, int caplen, int origlen, int hash) {}

    @Test
    void batchesDeliverExactlyWhatPcap4jLoopDelivers(@TempDir Path dir) throws Exception {
        String why = NativeBatch.unavailableReason();
        Assumptions.assumeTrue(why == null, "native batch path unavailable: " + why);
        Path file = dir.resolve("mix.pcap");
        CaptureGen.write(false, FRAMES, file, 100_000, 7);

        List<Seen> viaLoop = new ArrayList<>();
        try (PcapHandle h = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO)) {
            h.loop(-1, (byte[] packet) -> {
                Timestamp ts = h.getTimestamp();
                long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
                viaLoop.add(new Seen(nanos, packet.length, h.getOriginalLength(), Arrays.hashCode(packet)));
            });
        }

        List<Seen> viaBatch = new ArrayList<>();
        int[] batches = {0};
        try (PcapHandle h = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO)) {
            NativeBatch nb = NativeBatch.attach(h, 0);
            assertNotNull(nb, "attach");
            FrameSink sink = new FrameSink() {
                @Override
                public void interfaceDeclared(int interfaceId, String name, int linkType) {
                }

                @Override
                public void frame(int interfaceId, int linkType, byte[] buf, int off, int capturedLength,
                        int originalLength, long timestampNanos) {
                    assertEquals(LinkType.ETHERNET, linkType);
                    viaBatch.add(new Seen(timestampNanos, capturedLength, originalLength,
                            Arrays.hashCode(Arrays.copyOfRange(buf, off, off + capturedLength))));
                }
            };
            int rc;
            while ((rc = nb.dispatchOnce(sink, LinkType.ETHERNET)) > 0) {
                batches[0]++;
            }
            assertEquals(0, rc, "end of the savefile");
            assertTrue(batches[0] >= FRAMES / nb.maxFrames(), "batches: " + batches[0]);
        }
        assertEquals(FRAMES, viaLoop.size());
        assertEquals(viaLoop, viaBatch);
    }

    @Test
    void systemPropertyForcesThePcap4jLoop() {
        String old = System.getProperty(NativeBatch.PROPERTY);
        System.setProperty(NativeBatch.PROPERTY, "pcap4j");
        try {
            assertTrue(String.valueOf(NativeBatch.unavailableReason()).contains("pcap4j"));
        } finally {
            if (old == null) {
                System.clearProperty(NativeBatch.PROPERTY);
            } else {
                System.setProperty(NativeBatch.PROPERTY, old);
            }
        }
    }
}
