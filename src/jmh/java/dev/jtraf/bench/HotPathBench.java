package dev.jtraf.bench;

import dev.jtraf.capture.FileInterfaces;
import dev.jtraf.capture.FrameCounter;
import dev.jtraf.capture.InterfaceFilter;
import dev.jtraf.decode.Frame;
import dev.jtraf.decode.FrameDecoder;
import dev.jtraf.decode.LinkType;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.InterfaceTable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The packet path after the source hands over the bytes: decode, and decode + look up + count,
 * per frame, over a realistic mix (TCP/UDP over IPv4 and IPv6, VLAN, ARP, SLL2 from the live
 * {@code any} capture). Run with {@code -prof gc}: {@code gc.alloc.rate.norm} must be ~0 B/op,
 * which is the proof that the hot path allocates nothing per frame.
 *
 * <pre>
 *   mvn -Pbench package -DskipTests
 *   java -jar target/benchmarks.jar HotPathBench -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HotPathBench {
    static final int MIX = 16;
    private static final long T0 = 1_700_000_000_000_000_000L;

    private final byte[][] frames = new byte[MIX][];
    private final int[] linkTypes = new int[MIX];
    private final int[] originalLengths = new int[MIX];
    private final Frame frame = new Frame();
    private FrameCounter counter;
    private long time = T0;

    @Setup
    public void setUp() {
        for (int i = 0; i < MIX; i++) {
            boolean cooked = i % 4 == 3;
            byte[] payload = BenchFrames.ethernetMix(i);
            frames[i] = cooked ? BenchFrames.sll2(payload, 1 + i % 8, i % 2 == 0) : payload;
            linkTypes[i] = cooked ? LinkType.LINUX_SLL2 : LinkType.ETHERNET;
            originalLengths[i] = frames[i].length + (i % 3) * 400; // snap length cut some of them
        }
        InterfaceTable table = new InterfaceTable();
        counter = new FrameCounter(table, new FileInterfaces(table, InterfaceFilter.all(), 5), 1_000_000_000L,
                null, 0, null);
        for (int id = 0; id < 9; id++) {
            counter.interfaceDeclared(id, "if" + id, LinkType.ETHERNET);
        }
        // first frame of each interface registers it (that allocates once, outside the measurement)
        for (int i = 0; i < MIX; i++) {
            counter.frame(i % 8, linkTypes[i], frames[i], 0, frames[i].length, originalLengths[i], T0);
        }
    }

    /** Decode only: one frame of the mix per operation. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public int decode() {
        int sum = 0;
        for (int i = 0; i < MIX; i++) {
            byte[] b = frames[i];
            FrameDecoder.decode(linkTypes[i], b, 0, b.length, originalLengths[i], frame);
            sum += frame.netClass + frame.transport;
        }
        return sum;
    }

    /** The whole packet path: decode, find the interface, count (counters, ring, peaks). */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public long decodeAndCount() {
        for (int i = 0; i < MIX; i++) {
            byte[] b = frames[i];
            time += 50_000; // 20 k frames per second of packet time: seconds roll over as live
            counter.frame(i % 8, linkTypes[i], b, 0, b.length, originalLengths[i], time);
        }
        return counter.frames();
    }

    /** The counters alone, for one decoded frame. */
    @Benchmark
    public void count(CountState s) {
        s.time += 50_000;
        s.counters.record(s.frame, s.time);
    }

    /** State for {@link #count}: one interface's counters and a decoded frame. */
    @State(Scope.Thread)
    public static class CountState {
        final IfaceCounters counters = new IfaceCounters(Long.MIN_VALUE, 5);
        final Frame frame = new Frame();
        long time = T0;

        @Setup
        public void setUp() {
            byte[] b = BenchFrames.ethernetMix(0);
            FrameDecoder.decode(LinkType.ETHERNET, b, 0, b.length, b.length, frame);
        }
    }
}
