package dev.jtraf.bench;

import dev.jtraf.capture.FileInterfaces;
import dev.jtraf.capture.FrameCounter;
import dev.jtraf.capture.InterfaceFilter;
import dev.jtraf.source.PcapFileSource;
import dev.jtraf.source.SourceException;
import dev.jtraf.stats.InterfaceTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replay per frame, file to counters: {@link PcapFileSource} (read-ahead thread, in-place
 * parsing) into {@link FrameCounter}, over a generated 500,000-frame capture of the realistic
 * mix (about 370 MB, in the temporary directory, page cache warm after the first run). The
 * time is wall time per frame with the reading overlapped on a second thread;
 * {@code gc.alloc.rate.norm} is per frame, and what little there is comes from each run's
 * setup (read-ahead chunks, one thread), not from the frames.
 *
 * <pre>
 *   java -jar target/benchmarks.jar ReplayBench -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReplayBench {
    static final int FRAMES = 500_000;

    @Param({"pcap", "pcapng"})
    public String format;

    private Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("jtraf-replaybench-", "." + format);
        CaptureGen.write(format.equals("pcapng"), FRAMES, file, 100_000, 42);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long replay() throws SourceException {
        InterfaceTable table = new InterfaceTable();
        FrameCounter counter = new FrameCounter(table, new FileInterfaces(table, InterfaceFilter.all(), 5),
                1_000_000_000L, (boundary, frame) -> { }, 0, null);
        try (PcapFileSource source = new PcapFileSource(file, 0)) {
            source.run(counter);
        }
        return counter.frames();
    }
}
