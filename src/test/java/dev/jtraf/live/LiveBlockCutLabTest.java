package dev.jtraf.live;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.lab.KernelCounters;
import dev.jtraf.lab.Lab;
import dev.jtraf.lab.NetnsLab;
import dev.jtraf.lab.Tcpdump;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A live block holds exactly the frames stamped before its time ("time: the end of the
 * interval"), as a replay's does. Was: the main thread read the counters a grace of 250 ms
 * after the boundary, so every block also held the frames of those 250 ms.
 *
 * <p>Oracle: tcpdump on the same interface, whose records carry the same kernel timestamps
 * (both read them from the socket buffer); for each block, the number of recorded frames
 * stamped before the block's time. Traffic: 400 pings 10 ms apart from a namespace to the host
 * end of a veth (about 800 frames over 4 s), so several blocks fall inside it.
 */
@Tag(Lab.TAG)
class LiveBlockCutLabTest {
    @Test
    void eachLiveBlockHoldsExactlyTheFramesStampedBeforeItsTime() throws Exception {
        Lab.assumeCommand("ip");
        Lab.assumeCommand("ping");
        try (NetnsLab lab = NetnsLab.open()) {
            Path work = Files.createDirectories(Lab.dir("live").resolve("cut-" + lab.id()));
            String ns = lab.namespace("c");
            int net = NamespaceInterfaceChurnTest.freeSubnet();
            String hostAddr = "10.199." + net + ".1";
            NetnsLab.Veth v = lab.veth(ns, null);
            String hostIf = v.ifB();
            lab.address(null, hostIf, hostAddr + "/24");
            lab.address(ns, v.ifA(), "10.199." + net + ".2/24");
            lab.awaitUp(null, hostIf, Duration.ofSeconds(10));
            try (Tcpdump recording = Tcpdump.on(hostIf).file(work.resolve("oracle.pcap")).noPromisc().start();
                    JtrafProcess jtraf = JtrafProcess.start("jtraf-cut", work.resolve("jtraf.log"),
                            "--dump", "json", "--interval", "1", "-i", hostIf)) {
                jtraf.awaitBlock("first block", Duration.ofSeconds(30), b -> true);
                Lab.Result ping = lab.exec(ns, Duration.ofSeconds(60), "ping", "-q", "-n", "-c", "400", "-i", "0.01",
                        "-W", "1", hostAddr);
                assertTrue(ping.ok(), ping.describe());
                KernelCounters.awaitQuiet(Duration.ofMillis(700), Duration.ofSeconds(20), hostIf);
                Instant quiet = Instant.now();
                jtraf.awaitBlock("a block after the traffic", Duration.ofSeconds(10),
                        b -> b.time().isAfter(quiet.plusSeconds(1)));
                Lab.Result exit = jtraf.interrupt(Duration.ofSeconds(20));
                recording.stop();
                List<PcapRecords.Rec> frames = PcapRecords.read(recording.file()).records;
                List<DumpBlock> blocks = DumpBlock.parseAll(exit.stdout());

                List<Executable> checks = new ArrayList<>();
                int inside = 0;
                for (DumpBlock b : blocks) {
                    if (b.isFinal() || b.row(hostIf).isEmpty()) {
                        continue;
                    }
                    long before = micros(b.time());
                    long expected = frames.stream().filter(r -> r.ts() < before).count();
                    long counted = b.rowOrFail(hostIf).n("packets");
                    Lab.log("block %s: jtraf %d, tcpdump %d frames stamped before it", b.time(), counted, expected);
                    if (expected > 0 && expected < frames.size()) {
                        inside++;
                    }
                    checks.add(() -> assertEquals(expected, counted, "frames in the block of " + b.time()));
                }
                int blocksInside = inside;
                checks.add(() -> assertTrue(blocksInside >= 2, "blocks during the traffic: " + blocksInside
                        + " (the test needs some to tell anything)"));
                checks.add(() -> assertEquals(frames.size(), blocks.get(blocks.size() - 1).rowOrFail(hostIf).n("packets"),
                        "the final block has every recorded frame"));
                assertAll("live blocks cut at their time", checks.stream());
            }
        }
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
