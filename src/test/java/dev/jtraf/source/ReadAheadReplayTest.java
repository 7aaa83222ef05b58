package dev.jtraf.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.bench.CaptureGen;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;

/**
 * The replay reader over many read-ahead chunks: every frame of multi-chunk files (records
 * crossing chunk boundaries, records longer than the room kept for a chunk's tail) arrives
 * exactly as libpcap reads it, and the stream path (standard input) delivers the same bytes
 * as the file path; both ways of reading a file (native pread, the JDK's positional reads)
 * deliver the same frames; a file cut while it is read ends with an error after every byte
 * still in it (a replay of one counts every whole frame there, then reports the file as
 * damaged), and a pseudo-file ends where its data does.
 */
class ReadAheadReplayTest {
    private record Seen(long ts, int caplen, int origlen, int hash) {}

    @Test
    void multiChunkPcapAndPcapngMatchLibpcap(@TempDir Path dir) throws Exception {
        for (boolean ng : new boolean[] {false, true}) {
            Path f = dir.resolve(ng ? "mix.pcapng" : "mix.pcap");
            CaptureGen.write(ng, 12_000, f, 100_000, 3); // ~9 MB: dozens of chunks
            assertEquals(viaLibpcap(f), viaJtraf(f), f.toString());
        }
    }

    @Test
    void everyReadMethodDeliversTheSameFrames(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mix.pcapng");
        CaptureGen.write(true, 12_000, f, 100_000, 4);
        List<Seen> expected = viaLibpcap(f);
        NativeRead.Descriptor d = localDescriptor(f);
        String why = d.whyNot();
        try (FileChannel ch = FileChannel.open(f); ReadAhead r = new ReadAhead(ch, "test-read")) {
            assertEquals(why == null ? "native" : "positional", r.method(), "the default for a regular file (" + why + ")");
        }
        // positional: without the shim, or on a file system not known to be local
        List<String> methods = why == null ? List.of("native", "positional") : List.of("positional");
        for (String method : methods) {
            System.setProperty("jtraf.readahead", method);
            try (FileChannel ch = FileChannel.open(f); ReadAhead r = new ReadAhead(ch, "test-read")) {
                assertEquals(method, r.method());
                assertEquals(expected, viaJtraf(f), method);
            } finally {
                System.clearProperty("jtraf.readahead");
            }
        }
    }

    @Test
    void filesOnOtherFileSystemsAreNotReadNatively() throws Exception {
        // sysfs stands in for a network or FUSE file system: a real file system that is not in the
        // list of local ones; its regular files report a size of 4096
        Path f = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        Assumptions.assumeTrue(Files.isRegularFile(f) && Files.size(f) > 0, "no " + f);
        String why = NativeRead.unavailableReason();
        Assumptions.assumeTrue(why == null, "native reads unavailable (the file system is then not looked at): " + why);
        try (FileChannel ch = FileChannel.open(f); ReadAhead r = new ReadAhead(ch, "test-read")) {
            assertEquals("positional", r.method(), "no native reads on a file system not known to be local");
        }
        NativeRead.Descriptor d;
        try (FileChannel ch = FileChannel.open(f)) {
            d = NativeRead.descriptor(ch);
        }
        assertEquals(-1, d.fd());
        assertTrue(d.whyNot().contains("not on a local file system (statfs type 0x62656572)"), d.whyNot());
    }

    @Test
    void nativeReadsLeaveNoDescriptorOpen(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mix.pcap");
        CaptureGen.write(false, 12_000, f, 100_000, 6);
        String why = localDescriptor(f).whyNot();
        Assumptions.assumeTrue(why == null, "native reads unavailable here: " + why);
        assertEquals(0, descriptorsOf(f));
        for (int i = 0; i < 20; i++) {
            // stopped half-way (the reading thread may be mid-read when close() comes) and read to the end
            try (FileChannel ch = FileChannel.open(f); ReadAhead r = new ReadAhead(ch, "test-read")) {
                assertEquals("native", r.method());
                for (int k = 0; k < (i % 2 == 0 ? 3 : Integer.MAX_VALUE); k++) {
                    ReadAhead.Chunk c = r.next();
                    if (c == null) {
                        break;
                    }
                    r.release(c);
                }
            }
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        long open = descriptorsOf(f);
        while (open != 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000); // the last reading threads close their descriptor as they end
            open = descriptorsOf(f);
        }
        assertEquals(0, open, "descriptors of the file still open after 20 readers");
    }

    @Test
    void aFileCutWhileItIsReadEndsWithAnErrorAfterEveryByteStillThere(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cut.bin");
        byte[] bytes = new byte[10_000_000];
        new Random(8).nextBytes(bytes);
        int cutTo = 5_000_000; // in a chunk, beyond those the reading thread can fill while the first is held
        Files.write(f, bytes);
        String why = localDescriptor(f).whyNot();
        for (String method : why == null ? List.of("native", "positional") : List.of("positional")) {
            Files.write(f, bytes);
            System.setProperty("jtraf.readahead", method);
            ByteBuffer got = ByteBuffer.allocate(bytes.length);
            IOException failure = null;
            try (FileChannel ch = FileChannel.open(f); ReadAhead r = new ReadAhead(ch, "test-read")) {
                assertEquals(method, r.method());
                ReadAhead.Chunk first = r.next(); // held: the reading thread can fill the ring (2 MiB) and no more
                cut(f, cutTo);
                got.put(first.array, ReadAhead.RESERVE, first.length);
                r.release(first);
                try {
                    ReadAhead.Chunk c;
                    while ((c = r.next()) != null) {
                        got.put(c.array, ReadAhead.RESERVE, c.length);
                        r.release(c);
                    }
                } catch (IOException e) {
                    failure = e;
                }
            } finally {
                System.clearProperty("jtraf.readahead");
            }
            assertTrue(failure instanceof ReadAhead.FileCut, method + ": " + failure);
            assertEquals("the file became shorter while it was being read (10000000 bytes when opened, 5000000 now)",
                    failure.getMessage(), method);
            assertEquals(cutTo, got.position(), method + ": the chunk that met the end is delivered up to it");
            assertArrayEquals(Arrays.copyOf(bytes, cutTo), Arrays.copyOf(got.array(), cutTo), method);
        }
    }

    @Test
    void aReplayOfAFileCutWhileItIsReadCountsEveryWholeFrameStillThereThenIsDamaged(@TempDir Path dir) throws Exception {
        // the sink cuts the file at the first frame, while the parser still holds the first chunk:
        // the reading thread can have read no further than the ring's CHUNKS chunks, so chunk
        // CHUNKS + 3, in a record of which the cut falls, is read after it, whichever thread reads it
        long cutTo = (ReadAhead.CHUNKS + 3L) * ReadAhead.CHUNK_BYTES + 12_345;
        for (boolean ng : new boolean[] {false, true}) {
            Path whole = dir.resolve(ng ? "whole.pcapng" : "whole.pcap");
            CaptureGen.write(ng, 12_000, whole, 100_000, 11); // ~9 MB
            byte[] bytes = Files.readAllBytes(whole);
            List<Seen> all = viaLibpcap(whole);
            long[] kept = wholeRecords(bytes, cutTo, ng);
            assertTrue(kept[1] < cutTo && kept[1] > cutTo - 12_345, "the cut falls in a record of that chunk: " + kept[1]);
            Path f = dir.resolve(ng ? "shrink.pcapng" : "shrink.pcap");
            String why = localDescriptor(whole).whyNot();
            for (String method : why == null ? List.of("native", "positional") : List.of("positional")) {
                Files.write(f, bytes);
                System.setProperty("jtraf.readahead", method);
                List<Seen> seen = new ArrayList<>();
                SourceException e;
                try {
                    e = assertThrows(SourceException.class, () -> viaJtraf(f, seen, () -> cut(f, cutTo)));
                } finally {
                    System.clearProperty("jtraf.readahead");
                }
                String where = f.getFileName() + " (" + method + ")";
                assertEquals(SourceException.Kind.DAMAGED_FILE, e.kind(), where + ": " + e.getMessage());
                assertEquals(f.getFileName() + ": damaged capture file: the file became shorter while it was being read ("
                        + bytes.length + " bytes when opened, " + cutTo + " now); the frames before byte offset " + kept[1]
                        + " were counted", e.getMessage(), where);
                assertEquals(kept[0], seen.size(), where + ": frames counted = whole records in the cut file");
                assertEquals(all.subList(0, (int) kept[0]), seen, where);
            }
        }
    }

    /** Cuts file f to {@code size} bytes. */
    private static void cut(Path f, long size) {
        try (FileChannel w = FileChannel.open(f, StandardOpenOption.WRITE)) {
            w.truncate(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The oracle for a capture cut to {@code size} bytes: how many whole packet records of a
     * little-endian pcap (or enhanced packet blocks of a pcapng) end within them, and where the
     * first record that does not starts.
     */
    private static long[] wholeRecords(byte[] capture, long size, boolean ng) {
        ByteBuffer b = ByteBuffer.wrap(capture).order(ByteOrder.LITTLE_ENDIAN);
        long records = 0;
        int p = ng ? 0 : 24;
        while (true) {
            int length = ng ? b.getInt(p + 4) : 16 + b.getInt(p + 8);
            if (p + length > size) {
                return new long[] {records, p};
            }
            if (!ng || b.getInt(p) == 6) {
                records++;
            }
            p += length;
        }
    }

    @Test
    void aPseudoFileEndsWhereItsDataDoes() throws Exception {
        // a sysfs attribute reports a size of 4096 and holds a few bytes: the read ends there, and
        // the parser says what the bytes are not
        Path f = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        Assumptions.assumeTrue(Files.isRegularFile(f) && Files.size(f) == 4096, "no sysfs attribute " + f);
        byte[] content = Files.readAllBytes(f);
        assertTrue(content.length > 4 && content.length < 4096, content.length + " bytes");
        try (FileChannel ch = FileChannel.open(f); ReadAhead r = new ReadAhead(ch, "test-read")) {
            ReadAhead.Chunk c = r.next();
            assertArrayEquals(content, Arrays.copyOfRange(c.array, ReadAhead.RESERVE, ReadAhead.RESERVE + c.length));
            r.release(c);
            assertNull(r.next());
            assertNull(r.next(), "the end stays the end");
        }
        SourceException e = assertThrows(SourceException.class, () -> viaJtraf(f));
        assertEquals(SourceException.Kind.UNREADABLE_FILE, e.kind());
        assertTrue(e.getMessage().startsWith("enabled: not a pcap or pcapng capture (magic number 0x"), e.getMessage());
    }

    /** What ReadAhead's default would do for f: a descriptor (closed again here), or why not. */
    private static NativeRead.Descriptor localDescriptor(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f)) {
            NativeRead.Descriptor d = NativeRead.descriptor(ch);
            if (d.fd() >= 0) {
                NativeRead.close(d.fd());
            }
            return d;
        }
    }

    /** This process's open descriptors of file f. */
    private static long descriptorsOf(Path f) throws IOException {
        Path real = f.toRealPath();
        long n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).equals(real)) {
                        n++;
                    }
                } catch (IOException e) {
                    // closed meanwhile (the listing's own descriptor, a reading thread's)
                }
            }
        }
        return n;
    }

    @Test
    void recordsLongerThanTheReserveAreAssembled(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("long.pcap");
        Random rnd = new Random(5);
        ByteBuffer b = ByteBuffer.allocate(8 << 20).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        for (int i = 0; i < 40; i++) {
            int len = i % 3 == 0 ? 60 + rnd.nextInt(200) : ReadAhead.RESERVE + rnd.nextInt(200_000 - ReadAhead.RESERVE);
            byte[] frame = new byte[len];
            rnd.nextBytes(frame);
            b.putInt(1_700_000_000 + i).putInt(i).putInt(len).putInt(len).put(frame);
        }
        Files.write(f, Arrays.copyOf(b.array(), b.position()));
        assertEquals(viaLibpcap(f), viaJtraf(f));
    }

    @Test
    void streamPathDeliversTheSameBytes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mix.pcap");
        CaptureGen.write(false, 3000, f, 100_000, 9);
        byte[] bytes = Files.readAllBytes(f);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        ByteBuffer got = ByteBuffer.allocate(bytes.length);
        try (ReadAhead r = new ReadAhead(Channels.newChannel(in), "test-read")) {
            ReadAhead.Chunk c;
            while ((c = r.next()) != null) {
                got.put(c.array, ReadAhead.RESERVE, c.length);
                r.release(c);
            }
            assertNull(r.next(), "the end stays the end");
        }
        assertArrayEquals(bytes, got.array());
    }

    private static List<Seen> viaLibpcap(Path f) throws Exception {
        List<Seen> seen = new ArrayList<>();
        try (PcapHandle h = Pcaps.openOffline(f.toString(), PcapHandle.TimestampPrecision.NANO)) {
            h.loop(-1, (byte[] packet) -> {
                Timestamp ts = h.getTimestamp();
                long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
                seen.add(new Seen(nanos, packet.length, h.getOriginalLength(), Arrays.hashCode(packet)));
            });
        }
        return seen;
    }

    private static List<Seen> viaJtraf(Path f) throws SourceException {
        List<Seen> seen = new ArrayList<>();
        viaJtraf(f, seen, () -> { });
        return seen;
    }

    /** Replays f into {@code seen}; {@code atFirstFrame} runs on the replay's thread as the first frame arrives. */
    private static void viaJtraf(Path f, List<Seen> seen, Runnable atFirstFrame) throws SourceException {
        try (PcapFileSource src = new PcapFileSource(f, 0)) {
            src.run(new FrameSink() {
                @Override
                public void interfaceDeclared(int interfaceId, String name, int linkType) {
                }

                @Override
                public void frame(int interfaceId, int linkType, byte[] buf, int off, int capturedLength,
                        int originalLength, long timestampNanos) {
                    if (seen.isEmpty()) {
                        atFirstFrame.run();
                    }
                    seen.add(new Seen(timestampNanos, capturedLength, originalLength,
                            Arrays.hashCode(Arrays.copyOfRange(buf, off, off + capturedLength))));
                }
            });
        }
    }
}
