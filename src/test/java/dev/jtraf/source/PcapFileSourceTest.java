package dev.jtraf.source;

import static dev.jtraf.source.CaptureFiles.data;
import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.decode.LinkType;
import dev.jtraf.source.CaptureFiles.Pcap;
import dev.jtraf.source.CaptureFiles.Pcapng;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the file reader delivers from pcap and pcapng files, and how it reports files it cannot read. */
class PcapFileSourceTest {
    private static final String SUPPORTED = "EN10MB (1), LINUX_SLL (113), LINUX_SLL2 (276), RAW (101/12/14), IPV4 (228),"
            + " IPV6 (229), NULL (0), LOOP (108)";
    private static final long T = 1_700_000_000L;

    @TempDir
    Path dir;

    /** Writes down everything delivered, one line per call. */
    static final class RecordingSink implements FrameSink {
        final StringBuilder log = new StringBuilder();

        @Override
        public void interfaceDeclared(int interfaceId, String name, int linkType) {
            log.append("interface ").append(interfaceId).append(' ').append(name).append(" link ").append(linkType)
                    .append('\n');
        }

        @Override
        public void frame(int interfaceId, int linkType, byte[] buf, int off, int capturedLength, int originalLength,
                long timestampNanos) {
            log.append(String.format("frame if=%d link=%d captured=%d original=%d ts=%d.%09d data=%02x..%02x%n",
                    interfaceId, linkType, capturedLength, originalLength, Math.floorDiv(timestampNanos, 1_000_000_000L),
                    Math.floorMod(timestampNanos, 1_000_000_000L), buf[off], buf[off + capturedLength - 1]));
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static String replay(Path file) throws SourceException {
        RecordingSink sink = new RecordingSink();
        try (PcapFileSource source = new PcapFileSource(file, 0)) {
            source.run(sink);
        }
        return sink.log.toString();
    }

    /** Replays a file that must fail: what was delivered, then the failure. */
    private static String replayUntilFailure(Path file) {
        RecordingSink sink = new RecordingSink();
        try (PcapFileSource source = new PcapFileSource(file, 0)) {
            SourceException e = assertThrows(SourceException.class, () -> source.run(sink));
            return sink.log + e.kind().name() + ": " + e.getMessage() + "\n";
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "BIG,    a1b2c3d4, 123456,    999999,    1700000000.123456000, 1700000001.999999000",
        "LITTLE, a1b2c3d4, 123456,    999999,    1700000000.123456000, 1700000001.999999000",
        "BIG,    a1b23c4d, 123456789, 999999999, 1700000000.123456789, 1700000001.999999999",
        "LITTLE, a1b23c4d, 123456789, 999999999, 1700000000.123456789, 1700000001.999999999"})
    void readsClassicPcapInEitherByteOrderAndResolution(String order, String magic, long fraction1, long fraction2,
            String ts1, String ts2) throws Exception {
        ByteOrder byteOrder = order.equals("BIG") ? BIG_ENDIAN : LITTLE_ENDIAN;
        Path file = write("capture.pcap", new Pcap(byteOrder, Integer.parseUnsignedInt(magic, 16), 1)
                .record(T, fraction1, data(60, 0x10), 60)
                .record(T + 1, fraction2, data(64, 0x20), 1514).bytes());
        assertEquals("interface 0 capture link 1\n"
                + "frame if=0 link=1 captured=60 original=60 ts=" + ts1 + " data=10..4b\n"
                + "frame if=0 link=1 captured=64 original=1514 ts=" + ts2 + " data=20..5f\n",
                replay(file));
    }

    @Test
    void readsModifiedPcapWithItsLongerRecordHeaders() throws Exception {
        for (ByteOrder order : new ByteOrder[] {LITTLE_ENDIAN, BIG_ENDIAN}) {
            Path file = write("redhat.cap", new Pcap(order, 0xA1B2CD34, 1)
                    .record(T, 500_000, data(42, 0x01), 42)
                    .record(T, 750_000, data(60, 0x02), 60).bytes());
            assertEquals("""
                    interface 0 redhat link 1
                    frame if=0 link=1 captured=42 original=42 ts=1700000000.500000000 data=01..2a
                    frame if=0 link=1 captured=60 original=60 ts=1700000000.750000000 data=02..3d
                    """, replay(file), order.toString());
        }
    }

    @Test
    void readsPcapngSectionsInterfacesResolutionsAndBlockTypes() throws Exception {
        Path file = write("two.pcapng", new Pcapng()
                .section(LITTLE_ENDIAN)
                .interfaceBlock(1, "eth0", 9) // nanoseconds
                .interfaceBlock(101, "tun0", 0x80 | 10) // 2^-10 s
                .enhancedPacket(0, T * 1_000_000_000L + 123_456_789, data(60, 0x10), 60)
                .enhancedPacket(1, ((T + 1) << 10) + 513, data(40, 0x45), 40) // 513/1024 s = 0.5009765625 s
                .simplePacket(data(42, 0x50), 42) // interface 0, no timestamp of its own
                .section(BIG_ENDIAN)
                .interfaceBlock(1, "eth0", -1) // microseconds; a new interface of the same name
                .enhancedPacket(0, (T + 2) * 1_000_000 + 1, data(60, 0x30), 100)
                .packet(0, (T + 3) * 1_000_000, data(20, 0x60), 20)
                .bytes());
        assertEquals("""
                interface 0 eth0 link 1
                interface 1 tun0 link 101
                frame if=0 link=1 captured=60 original=60 ts=1700000000.123456789 data=10..4b
                frame if=1 link=101 captured=40 original=40 ts=1700000001.500976562 data=45..6c
                frame if=0 link=1 captured=42 original=42 ts=1700000001.500976562 data=50..79
                interface 2 eth0#2 link 1
                frame if=2 link=1 captured=60 original=100 ts=1700000002.000001000 data=30..6b
                frame if=2 link=1 captured=20 original=20 ts=1700000003.000000000 data=60..73
                """, replay(file));
    }

    @Test
    void pcapngInterfaceWithoutANameIsNamedAfterTheFile() throws Exception {
        Path file = write("nameless.pcapng", new Pcapng().section(LITTLE_ENDIAN).interfaceBlock(113, null, -1)
                .enhancedPacket(0, T * 1_000_000, data(44, 0), 44).bytes());
        assertEquals("""
                interface 0 nameless#0 link 113
                frame if=0 link=113 captured=44 original=44 ts=1700000000.000000000 data=00..2b
                """, replay(file));
    }

    /** Two 60-byte records: 24 + 2 * (16 + 60) = 176 bytes, the third record starts at offset 176. */
    private static Pcap twoGoodRecords() {
        return new Pcap(LITTLE_ENDIAN, 0xA1B2C3D4, 1).record(T, 1, data(60, 0x10), 60).record(T, 2, data(60, 0x20), 60);
    }

    private static final String TWO_GOOD_RECORDS = """
            interface 0 cut link 1
            frame if=0 link=1 captured=60 original=60 ts=1700000000.000001000 data=10..4b
            frame if=0 link=1 captured=60 original=60 ts=1700000000.000002000 data=20..5b
            """;

    @Test
    void cutOffRecordDataIsDamageAfterTheFramesBeforeIt() throws Exception {
        Path file = write("cut.pcap", twoGoodRecords().recordHeader(T, 3, 60, 60).raw(data(10, 0)).bytes());
        assertEquals(TWO_GOOD_RECORDS + "DAMAGED_FILE: cut.pcap: damaged capture file at record 3 (byte offset 176):"
                + " frame data cut off (10 of 60 bytes); the frames before it were counted\n", replayUntilFailure(file));
    }

    @Test
    void cutOffRecordHeaderIsDamageAfterTheFramesBeforeIt() throws Exception {
        Path file = write("cut.pcap", twoGoodRecords().raw(data(7, 0)).bytes());
        assertEquals(TWO_GOOD_RECORDS + "DAMAGED_FILE: cut.pcap: damaged capture file at record 3 (byte offset 176):"
                + " record header cut off (7 of 16 bytes); the frames before it were counted\n", replayUntilFailure(file));
    }

    @Test
    void impossibleRecordLengthIsDamage() throws Exception {
        Path file = write("cut.pcap", twoGoodRecords().recordHeader(T, 3, 0xFFFF_FFF0L, 60).raw(data(100, 0)).bytes());
        assertEquals(TWO_GOOD_RECORDS + "DAMAGED_FILE: cut.pcap: damaged capture file at record 3 (byte offset 176):"
                + " impossible captured length 4294967280; the frames before it were counted\n", replayUntilFailure(file));
        Path huge = write("cut.pcap", twoGoodRecords().recordHeader(T, 3, (16 << 20) + 1, 60).bytes());
        assertEquals(TWO_GOOD_RECORDS + "DAMAGED_FILE: cut.pcap: damaged capture file at record 3 (byte offset 176):"
                + " impossible captured length 16777217; the frames before it were counted\n", replayUntilFailure(huge));
    }

    /**
     * A captured length beyond 262144 is damage even with all its bytes present, as tcpdump
     * ("invalid packet capture length") and tshark ("bigger than maximum of 262144") have it
     * (error audit: a 300000-byte record was counted); 262144 itself is a frame.
     */
    @Test
    void aCapturedLengthBeyondLibpcapsLimitIsDamageEvenWithItsBytes() throws Exception {
        Path over = write("cut.pcap", twoGoodRecords().record(T, 3, data(262_145, 0), 262_145).bytes());
        assertEquals(TWO_GOOD_RECORDS + "DAMAGED_FILE: cut.pcap: damaged capture file at record 3 (byte offset 176):"
                + " impossible captured length 262145; the frames before it were counted\n", replayUntilFailure(over));
        Path limit = write("limit.pcap", twoGoodRecords().record(T, 3, data(262_144, 0), 262_144).bytes());
        String frames = replay(limit);
        assertTrue(frames.contains("frame if=0 link=1 captured=262144 original=262144"), frames);
    }

    @Test
    void originalLengthOf2GiBOrMoreCountsTheCapturedLengthAndIsNamedAtTheEnd() throws Exception {
        // 0xFFFFFFFF and 3,000,000,000: tcpdump calls such headers invalid, tshark shows 2147483647
        Path file = write("cut.pcap", twoGoodRecords().record(T, 3, data(42, 0x30), -1)
                .record(T, 4, data(42, 0x40), (int) 3_000_000_000L).record(T, 5, data(42, 0x50), 1514).bytes());
        assertEquals(TWO_GOOD_RECORDS + """
                frame if=0 link=1 captured=42 original=42 ts=1700000000.000003000 data=30..59
                frame if=0 link=1 captured=42 original=42 ts=1700000000.000004000 data=40..69
                frame if=0 link=1 captured=42 original=1514 ts=1700000000.000005000 data=50..79
                DAMAGED_FILE: cut.pcap: damaged capture file: 2 records give an original length of 2 GiB or more, \
                which no frame has (the first is record 3); they were counted with the captured length
                """, replayUntilFailure(file));
        Path ng = write("bad.pcapng", oneInterfaceOnePacket().enhancedPacket(0, T * 1_000_000 + 1, data(60, 0x20), -1)
                .bytes());
        assertEquals(ONE_PACKET + """
                frame if=0 link=1 captured=60 original=60 ts=1700000000.000001000 data=20..5b
                DAMAGED_FILE: bad.pcapng: damaged capture file: 1 block gives an original length of 2 GiB or more, \
                which no frame has (the first is block 4); it was counted with the captured length
                """, replayUntilFailure(ng));
    }

    /**
     * A classic pcap whose link-type field announces an FCS (bit 0x04000000, and its length in
     * 16-bit words in bits 28-31: 0x24000001 is Ethernet with 4 bytes) delivers each frame
     * without it: semantics.md counts bytes FCS excluded (tshark's frame.len keeps it: 64).
     * The upper bits without the "present" bit, or with a length of 0, take nothing off.
     */
    @Test
    void classicPcapWithAnFcsInItsLinkTypeDeliversFramesWithoutIt() throws Exception {
        for (ByteOrder order : new ByteOrder[] {LITTLE_ENDIAN, BIG_ENDIAN}) {
            Path file = write("fcs.pcap", new Pcap(order, 0xA1B2C3D4, 0x2400_0001)
                    .record(T, 1, data(64, 0x10), 64) // 60 bytes and the FCS
                    .record(T, 2, data(62, 0x20), 64) // the snap length cut the FCS
                    .record(T, 3, data(40, 0x30), 1518).bytes()); // and here the frame
            assertEquals("""
                    interface 0 fcs link 1
                    frame if=0 link=1 captured=60 original=60 ts=1700000000.000001000 data=10..4b
                    frame if=0 link=1 captured=60 original=60 ts=1700000000.000002000 data=20..5b
                    frame if=0 link=1 captured=40 original=1514 ts=1700000000.000003000 data=30..57
                    """, replay(file), order.toString());
        }
        for (int field : new int[] {0x3000_0001, 0x0400_0001}) {
            Path file = write("nofcs.pcap", new Pcap(LITTLE_ENDIAN, 0xA1B2C3D4, field).record(T, 1, data(64, 0x10), 64)
                    .bytes());
            assertEquals("""
                    interface 0 nofcs link 1
                    frame if=0 link=1 captured=64 original=64 ts=1700000000.000001000 data=10..4f
                    """, replay(file), Integer.toHexString(field));
        }
    }

    /**
     * A pcapng interface with {@code if_fcslen} 32 (bits) delivers its frames without the 4
     * bytes; one without the option, or with a length that is not whole bytes, keeps them.
     */
    @Test
    void pcapngInterfaceWithAnFcsLengthDeliversItsFramesWithoutIt() throws Exception {
        Path file = write("fcs.pcapng", new Pcapng().section(LITTLE_ENDIAN)
                .interfaceBlock(1, "eth0", -1, 32)
                .interfaceBlock(1, "eth1", -1)
                .interfaceBlock(1, "eth2", -1, 4)
                .enhancedPacket(0, T * 1_000_000, data(64, 0x10), 64)
                .enhancedPacket(1, T * 1_000_000, data(64, 0x20), 64)
                .enhancedPacket(2, T * 1_000_000, data(64, 0x30), 64)
                .enhancedPacket(0, T * 1_000_000, data(40, 0x40), 1518)
                .simplePacket(data(64, 0x50), 64) // interface 0
                .bytes());
        assertEquals("""
                interface 0 eth0 link 1
                interface 1 eth1 link 1
                interface 2 eth2 link 1
                frame if=0 link=1 captured=60 original=60 ts=1700000000.000000000 data=10..4b
                frame if=1 link=1 captured=64 original=64 ts=1700000000.000000000 data=20..5f
                frame if=2 link=1 captured=64 original=64 ts=1700000000.000000000 data=30..6f
                frame if=0 link=1 captured=40 original=1514 ts=1700000000.000000000 data=40..67
                frame if=0 link=1 captured=60 original=60 ts=1700000000.000000000 data=50..8b
                """, replay(file));
    }

    /**
     * Section header (28 bytes) at 0, interface block with if_name "eth0" (32) at 28, then
     * 60-byte enhanced packets (92 bytes each) at 60 and 152: the fourth block starts at 152.
     */
    private static Pcapng oneInterfaceOnePacket() {
        return new Pcapng().section(LITTLE_ENDIAN).interfaceBlock(1, "eth0", -1)
                .enhancedPacket(0, T * 1_000_000, data(60, 0x10), 60);
    }

    private static final String ONE_PACKET = """
            interface 0 eth0 link 1
            frame if=0 link=1 captured=60 original=60 ts=1700000000.000000000 data=10..4b
            """;

    /**
     * A section of a pcapng major version other than 1 is not read, as Wireshark does not: the
     * first is an unreadable file, a later one damage after the frames before it (error audit:
     * a fuzzed file of version 32513.0 was counted, exit 0).
     */
    @Test
    void aPcapngSectionOfAnotherMajorVersionIsNotRead() throws Exception {
        byte[] first = oneInterfaceOnePacket().bytes();
        first[12] = 2; // the section header's major version, little-endian, at byte 12
        Path v2 = write("v2.pcapng", first);
        assertEquals("UNREADABLE_FILE: v2.pcapng: pcapng version 2.0 (jtraf reads pcapng 1.x; is the file damaged?)\n",
                replayUntilFailure(v2));
        Pcapng two = oneInterfaceOnePacket();
        int second = two.size();
        byte[] bytes = two.section(LITTLE_ENDIAN).interfaceBlock(1, "eth1", -1).bytes();
        bytes[second + 12] = 2;
        Path later = write("later.pcapng", bytes);
        assertEquals(ONE_PACKET + "DAMAGED_FILE: later.pcapng: damaged capture file at block 4 (byte"
                + " offset 152): section header of pcapng version 2.0 (jtraf reads 1.x); the frames before it were"
                + " counted\n", replayUntilFailure(later));
    }

    /**
     * An interface block whose option runs past the block is damage, as Wireshark has it ("not
     * enough data to handle option"); was: the rest of the options ignored, exit 0.
     */
    @Test
    void anInterfaceOptionRunningPastItsBlockIsDamage() throws Exception {
        byte[] bytes = oneInterfaceOnePacket().bytes();
        bytes[28 + 16 + 2] = 0; // the if_name option's length (at 2 of the option, 16 of the block at 28): 0x8000
        bytes[28 + 16 + 3] = (byte) 0x80;
        Path file = write("option.pcapng", bytes);
        assertEquals("DAMAGED_FILE: option.pcapng: damaged capture file at block 2 (byte offset 28): interface description"
                + " block with an option that runs past the block; the frames before it were counted\n",
                replayUntilFailure(file));
    }

    @Test
    void pcapngTrailerMismatchIsDamage() throws Exception {
        Pcapng ng = oneInterfaceOnePacket();
        assertEquals(152, ng.size());
        byte[] bytes = ng.enhancedPacket(0, T * 1_000_000 + 1, data(60, 0x20), 60).bytes();
        bytes[bytes.length - 4] = 88; // the trailer says 88, the header 92
        Path file = write("bad.pcapng", bytes);
        assertEquals(ONE_PACKET + "DAMAGED_FILE: bad.pcapng: damaged capture file at block 4 (byte offset 152):"
                + " block length 92 does not match its trailer; the frames before it were counted\n",
                replayUntilFailure(file));
    }

    @Test
    void pcapngBlockCutOffIsDamage() throws Exception {
        byte[] bytes = oneInterfaceOnePacket().enhancedPacket(0, T * 1_000_000 + 1, data(60, 0x20), 60).bytes();
        Path file = write("bad.pcapng", Arrays.copyOf(bytes, 152 + 50));
        assertEquals(ONE_PACKET + "DAMAGED_FILE: bad.pcapng: damaged capture file at block 4 (byte offset 152):"
                + " block cut off (50 of 92 bytes); the frames before it were counted\n", replayUntilFailure(file));
    }

    @Test
    void enhancedPacketOfAnUndeclaredInterfaceIsDamage() throws Exception {
        Path file = write("bad.pcapng", oneInterfaceOnePacket().enhancedPacket(1, T * 1_000_000, data(60, 0), 60)
                .bytes());
        assertEquals(ONE_PACKET + "DAMAGED_FILE: bad.pcapng: damaged capture file at block 4 (byte offset 152):"
                + " packet refers to interface 1, which has no description block; the frames before it were counted\n",
                replayUntilFailure(file));
    }

    @Test
    void notACaptureFileIsUnreadable() throws Exception {
        assertEquals("UNREADABLE_FILE: notes.txt: not a pcap or pcapng capture (magic number 0x68656c6c);"
                + " convert it with editcap or tshark -F pcapng\n",
                replayUntilFailure(write("notes.txt", "hello, world\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("UNREADABLE_FILE: empty.pcap: empty file, not a pcap or pcapng capture\n",
                replayUntilFailure(write("empty.pcap", new byte[0])));
    }

    @Test
    void unsupportedLinkTypeIsNamed() throws Exception {
        Path file = write("wifi.pcap", new Pcap(LITTLE_ENDIAN, 0xA1B2C3D4, 105).record(T, 0, data(60, 0), 60).bytes());
        assertEquals("UNSUPPORTED_LINK_TYPE: wifi.pcap: link type IEEE802_11 (105) is not supported; supported: "
                + SUPPORTED + "\n", replayUntilFailure(file));
        Path unknown = write("odd.pcap", new Pcap(LITTLE_ENDIAN, 0xA1B2C3D4, 65000).record(T, 0, data(60, 0), 60).bytes());
        assertEquals("UNSUPPORTED_LINK_TYPE: odd.pcap: link type unknown (65000) is not supported; supported: "
                + SUPPORTED + "\n", replayUntilFailure(unknown));
    }

    @Test
    void framesOfAnUnsupportedPcapngInterfaceAreSkippedAndNamedAtTheEnd() throws Exception {
        Path file = write("mixed.pcapng", new Pcapng().section(LITTLE_ENDIAN).interfaceBlock(1, "eth0", -1)
                .interfaceBlock(105, "wlan0", -1)
                .enhancedPacket(0, T * 1_000_000, data(60, 0x10), 60)
                .enhancedPacket(1, T * 1_000_000, data(60, 0x20), 60)
                .enhancedPacket(1, T * 1_000_000, data(60, 0x30), 60)
                .enhancedPacket(0, T * 1_000_000, data(60, 0x40), 60).bytes());
        assertEquals("""
                interface 0 eth0 link 1
                interface 1 wlan0 link 105
                frame if=0 link=1 captured=60 original=60 ts=1700000000.000000000 data=10..4b
                frame if=0 link=1 captured=60 original=60 ts=1700000000.000000000 data=40..7b
                """ + "UNSUPPORTED_LINK_TYPE: mixed.pcapng: 2 frame(s) on interface wlan0 were not counted: link type"
                + " IEEE802_11 (105) is not supported; supported: " + SUPPORTED + "\n", replayUntilFailure(file));
        // several such interfaces: each named with its frames (all were laid to the first one's account)
        Path two = write("two.pcapng", new Pcapng().section(LITTLE_ENDIAN).interfaceBlock(105, "wlan0", -1)
                .interfaceBlock(127, "wlan1", -1)
                .enhancedPacket(0, T * 1_000_000, data(60, 0x10), 60)
                .enhancedPacket(1, T * 1_000_000, data(60, 0x20), 60)
                .enhancedPacket(1, T * 1_000_000, data(60, 0x30), 60).bytes());
        assertEquals("""
                interface 0 wlan0 link 105
                interface 1 wlan1 link 127
                """ + "UNSUPPORTED_LINK_TYPE: two.pcapng: 3 frame(s) on 2 interfaces were not counted, their link types are"
                + " not supported: wlan0 (1 frame, IEEE802_11 (105)), wlan1 (2 frames, " + LinkType.describe(127) + ");"
                + " supported: " + SUPPORTED + "\n", replayUntilFailure(two));
    }

    @Test
    void timestampsBeyondWhatNanosecondsHoldAreCountedAtTheBoundAndNamed() throws Exception {
        // 10^10 s (2286-11-20, tshark's reading) and 2^64-1 ns overflowed a long of nanoseconds:
        // the blocks were stamped 1702 and 1969, and nothing was said
        Path file = write("future.pcapng", new Pcapng().section(LITTLE_ENDIAN).interfaceBlock(1, "sec", 0)
                .interfaceBlock(1, "ns", 9)
                .enhancedPacket(0, T, data(60, 0x10), 60)
                .enhancedPacket(0, 10_000_000_000L, data(60, 0x20), 60)
                .enhancedPacket(1, -1L, data(60, 0x30), 60).bytes());
        assertEquals("""
                interface 0 sec link 1
                interface 1 ns link 1
                frame if=0 link=1 captured=60 original=60 ts=1700000000.000000000 data=10..4b
                frame if=0 link=1 captured=60 original=60 ts=9214646400.000000000 data=20..5b
                frame if=1 link=1 captured=60 original=60 ts=9214646400.000000000 data=30..6b
                DAMAGED_FILE: future.pcapng: damaged capture file: 2 blocks are stamped before 1678 or after 2261, \
                beyond the nanosecond clock jtraf counts with (the first is block 5); they were counted at 1678-01-01 \
                or 2262-01-01
                """, replayUntilFailure(file));
    }

    @Test
    void aPauseStopsThePacedClockAtOnceNotWhenTheReplayThreadNextLooks() throws Exception {
        // The dashboard pauses just before it stops the process (Ctrl-Z) and resumes just after
        // it continues; the replay thread, parked for up to 50 ms at a time, did not always look
        // in between, so its clock ran through the whole stop and the frames came in a burst.
        Path file = write("gap.pcap", new Pcap(LITTLE_ENDIAN, 0xA1B2C3D4, 1)
                .record(T, 0, data(60, 0x10), 60).record(T + 10, 0, data(60, 0x20), 60).bytes());
        CountDownLatch first = new CountDownLatch(1);
        AtomicInteger frames = new AtomicInteger();
        FrameSink sink = new FrameSink() {
            @Override
            public void interfaceDeclared(int interfaceId, String name, int linkType) {
            }

            @Override
            public void frame(int interfaceId, int linkType, byte[] buf, int off, int capturedLength,
                    int originalLength, long timestampNanos) {
                frames.incrementAndGet();
                first.countDown();
            }
        };
        try (PcapFileSource source = new PcapFileSource(file, 1)) {
            Thread replay = new Thread(() -> {
                try {
                    source.run(sink);
                } catch (SourceException e) {
                    throw new IllegalStateException(e);
                }
            });
            replay.start();
            assertTrue(first.await(10, TimeUnit.SECONDS), "the first frame");
            source.setPaused(true); // the replay thread now waits 10 s for the second frame
            long pausedAt = source.positionNanos();
            Thread.sleep(200); // time passing while paused is what is tested, not a wait for something
            assertEquals(pausedAt, source.positionNanos(), "the clock stood still from the call on");
            source.stop();
            replay.join(10_000);
            assertFalse(replay.isAlive(), "a stop ends a paused replay");
            assertEquals(1, frames.get(), "a frame that was not due when the replay stopped is not delivered");
        }
    }

    @Test
    void missingFileIsUnreadable() {
        Path missing = dir.resolve("missing.pcap");
        assertEquals("UNREADABLE_FILE: cannot open capture file " + missing + ": no such file (check the path)\n",
                replayUntilFailure(missing));
    }

    @Test
    void aDirectoryIsNotACaptureFile() {
        assertEquals("UNREADABLE_FILE: cannot open capture file " + dir + ": it is a directory (give a .pcap or .pcapng"
                + " file in it)\n", replayUntilFailure(dir));
    }
}
