package dev.jtraf.source;

import dev.jtraf.decode.LinkType;
import dev.jtraf.source.SourceException.Kind;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays a classic pcap (micro- or nanosecond, either byte order, also the "modified" pcap
 * format) or a pcapng file (several sections and interfaces, any {@code if_tsresol}) with a
 * reader of its own, in Java: frames are parsed in place in reused buffers and handed to the
 * sink without copying, so memory stays flat whatever the file size. The file is read ahead on
 * a second thread ({@link ReadAhead}: native {@code pread} where jtraf's shim is built, else
 * the JDK's positional reads), so reading and counting overlap (native-notes/performance.md).
 *
 * <p>We read files ourselves rather than through libpcap because libpcap refuses pcapng
 * files whose interfaces differ in link type, does not say which interface a frame belongs
 * to, and cannot tell the record and byte offset of damage; see native-notes/capture-design.md.
 *
 * <p>Pacing: speed 0 replays as fast as possible; {@code k > 0} replays at k times the
 * recorded pace. {@link #setSpeed} and {@link #setPaused} may be called from any thread.
 */
public final class PcapFileSource implements PacketSource {
    /** Largest record accepted; larger lengths are damage (libpcap's own limit is 256 KiB). */
    public static final int MAX_RECORD = 16 << 20;
    /**
     * Largest captured length of a classic pcap record: libpcap's and Wireshark's limit for
     * every link type jtraf decodes (262144); beyond it tcpdump calls the record invalid and
     * tshark the file damaged, and so does jtraf (was: counted, up to 16 MiB).
     */
    static final int MAX_CAPTURED = 262_144;
    /**
     * Records the hot loops ({@link #recordSlice}, {@link #packetBlockSlice}) deliver per call
     * before they return to be called again: the JIT compiles a method after so many calls
     * (and loop turns), and a call per buffer of 256 KiB came too seldom. With slices of 64
     * records the loop reaches C2 within the first ~60,000 frames instead of ~1 M.
     */
    private static final int SLICE = 64;

    private static final int PCAPNG_SHB = 0x0A0D0D0A;
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NANOS = 1_000_000_000L;

    private final Path path;
    private final String fileName;
    private volatile double speed;
    private volatile boolean paused;
    private volatile boolean stopped;

    private ReadableByteChannel channel;
    /** Set on the capture thread by {@link #open}; read by {@link #stop} on another. */
    private volatile ReadAhead input;
    /** The bytes being parsed: a read-ahead chunk's array, or {@link #assembly} for a long record. */
    private byte[] buf = new byte[0];
    private ReadAhead.Chunk chunk;
    private byte[] assembly;
    private int pos;
    private int limit;
    private long bufferFileOffset;
    private boolean endOfInput;
    /** The input ended because of {@link #stop}, not at its end. */
    private boolean endedByStop;
    private boolean bigEndian;
    private long recordNumber;
    /** Timestamp of the last enhanced packet block, for simple packet blocks (which have none). */
    private long ngLastTimestamp;
    /** "record" in classic pcap, "block" in pcapng, for messages. */
    private String recordWord = "record";
    /** Frames skipped per interface of an unsupported link type, in the order their first frames came. */
    private final Map<PcapngInterface, long[]> skipped = new LinkedHashMap<>();
    /** Records that claim an original length of 2 GiB or more, and the first of them. */
    private long impossibleOriginals;
    private long firstImpossibleRecord;
    /** Packet blocks stamped beyond 1678-2262, and the first of them. */
    private long unrepresentableTimes;
    private long firstUnrepresentableTime;

    // pacing state: the run() thread paces; setPaused freezes it too
    private final ReplayClock clock = new ReplayClock();

    /**
     * @param path  the file; {@code -} reads standard input
     * @param speed 0 for as fast as possible, else a multiple of the recorded pace
     */
    public PcapFileSource(Path path, double speed) {
        this.path = path;
        this.speed = speed;
        Path name = path.getFileName();
        this.fileName = name == null ? path.toString() : name.toString();
    }

    /** Changes the replay speed (0 = as fast as possible). Any thread. */
    public void setSpeed(double newSpeed) {
        this.speed = newSpeed;
    }

    public double speed() {
        return speed;
    }

    /**
     * Pauses or resumes the replay. Any thread. A pause stops the replay's clock at once, not
     * when the replay thread next looks (up to 50 ms later): the dashboard pauses just before
     * the process stops itself (Ctrl-Z) and resumes just after it continues.
     */
    public void setPaused(boolean pause) {
        this.paused = pause;
        clock.setPaused(pause, System.nanoTime());
    }

    public boolean isPaused() {
        return paused;
    }

    @Override
    public boolean isLive() {
        return false;
    }

    @Override
    public long captureDrops() {
        return 0;
    }

    /**
     * Asks the parser to stop; also when it waits for input that does not come (a stalled
     * pipe): it then ends at once, and what was counted stands. Any thread.
     */
    @Override
    public void stop() {
        stopped = true;
        ReadAhead in = input;
        if (in != null) {
            in.stop();
        }
    }

    @Override
    public void run(FrameSink sink) throws SourceException {
        try {
            parse(sink);
        } catch (SourceException e) {
            if (!(endedByStop && e.kind() == Kind.DAMAGED_FILE)) {
                throw e;
            }
            // the stop ended the input while a record was incomplete: not damage, the end of the run
        }
    }

    private void parse(FrameSink sink) throws SourceException {
        open();
        if (fill(4) < 4) {
            throw new SourceException(Kind.UNREADABLE_FILE, fileName + ": " + (limit == 0 ? "empty file" : "too short")
                    + ", not a pcap or pcapng capture");
        }
        int magic = s32(buf, pos, true);
        switch (magic) {
            case 0xA1B2C3D4: readPcap(sink, true, false, false); break;
            case 0xD4C3B2A1: readPcap(sink, false, false, false); break;
            case 0xA1B23C4D: readPcap(sink, true, true, false); break;
            case 0x4D3CB2A1: readPcap(sink, false, true, false); break;
            case 0xA1B2CD34: readPcap(sink, true, false, true); break;
            case 0x34CDB2A1: readPcap(sink, false, false, true); break;
            case PCAPNG_SHB:
                recordWord = "block";
                readPcapng(sink);
                break;
            default:
                throw new SourceException(Kind.UNREADABLE_FILE, String.format(
                        "%s: not a pcap or pcapng capture (magic number 0x%08x); convert it with editcap or tshark -F pcapng",
                        fileName, magic));
        }
        List<String> problems = new ArrayList<>();
        if (impossibleOriginals > 0) {
            problems.add(impossibleOriginals + " " + recordWord + (impossibleOriginals == 1 ? " gives" : "s give")
                    + " an original length of 2 GiB or more, which no frame has (the first is " + recordWord
                    + " " + firstImpossibleRecord + "); " + (impossibleOriginals == 1 ? "it was" : "they were")
                    + " counted with the captured length");
        }
        if (unrepresentableTimes > 0) {
            problems.add(unrepresentableTimes + " " + recordWord + (unrepresentableTimes == 1 ? " is" : "s are")
                    + " stamped before 1678 or after 2261, beyond the nanosecond clock jtraf counts with (the first is "
                    + recordWord + " " + firstUnrepresentableTime + "); " + (unrepresentableTimes == 1 ? "it was" : "they were")
                    + " counted at 1678-01-01 or 2262-01-01");
        }
        if (!problems.isEmpty()) {
            throw damaged(String.join("; ", problems));
        }
    }

    private void open() throws SourceException {
        boolean stdin = "-".equals(path.toString());
        Path in = stdin ? standardInput() : null;
        if (in != null && standardInputIsClosed(in)) {
            throw new SourceException(Kind.UNREADABLE_FILE, "-: standard input is closed; give -r a file, or pipe a"
                    + " capture into jtraf -r -");
        }
        if (in != null && isTerminal(in)) { // it would wait for a capture typed at the keyboard
            throw new SourceException(Kind.UNREADABLE_FILE, "-: standard input is a terminal, not a capture; give -r a"
                    + " file, or pipe a capture into jtraf -r - (tcpdump -w - | jtraf -r - --dump text)");
        }
        if (!stdin && Files.isDirectory(path)) {
            throw new SourceException(Kind.UNREADABLE_FILE, "cannot open capture file " + path
                    + ": it is a directory (give a .pcap or .pcapng file in it)");
        }
        try {
            channel = stdin ? Channels.newChannel(System.in) : FileChannel.open(path, StandardOpenOption.READ);
            input = new ReadAhead(channel, "jtraf-read");
            if (stopped) {
                input.stop(); // stop() came before there was an input to stop: both fields are volatile
            }
        } catch (NoSuchFileException e) {
            throw new SourceException(Kind.UNREADABLE_FILE, "cannot open capture file " + path + ": no such file (check the path)");
        } catch (AccessDeniedException e) {
            throw new SourceException(Kind.UNREADABLE_FILE, "cannot open capture file " + path
                    + ": permission denied (check its mode, or run as its owner)");
        } catch (IOException e) {
            throw new SourceException(Kind.UNREADABLE_FILE, "cannot open capture file " + path + ": " + e.getMessage());
        }
    }

    /** What descriptor 0 is, as Linux's /proc links it, or null (no /proc, no link): then read it and see. */
    private static Path standardInput() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * True if descriptor 0 was closed when the JVM started ({@code jtraf -r - <&-}): the JVM
     * then opened its own class archive as descriptor 0, which would be read as the capture.
     */
    private static boolean standardInputIsClosed(Path in) {
        try {
            return in.startsWith(Path.of(System.getProperty("java.home")).toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether descriptor 0, linked to {@code in}, is a terminal (a pseudo-terminal or a console). */
    private static boolean isTerminal(Path in) {
        String s = in.toString();
        return s.startsWith("/dev/pts/") || s.startsWith("/dev/tty") || s.equals("/dev/console");
    }

    // ---------------------------------------------------------------- classic pcap

    private void readPcap(FrameSink sink, boolean be, boolean nanos, boolean modified) throws SourceException {
        bigEndian = be;
        if (fill(24) < 24) {
            throw damaged("the file header is cut off (" + (limit - pos) + " of 24 bytes)");
        }
        int linkTypeField = s32(buf, pos + 20, be);
        int linkType = linkTypeField & 0x03FF_FFFF;
        int fcsBytes = fcsBytesOfLinkTypeField(linkTypeField);
        int major = u16(buf, pos + 4, be);
        if (major != 2) {
            throw new SourceException(Kind.UNREADABLE_FILE, fileName + ": pcap version " + major
                    + " is not supported (only 2.x)");
        }
        if (!LinkType.isSupported(linkType)) {
            throw unsupported(fileName, linkType);
        }
        pos += 24;
        String name = stripExtension(fileName);
        sink.interfaceDeclared(0, name, linkType);
        int header = modified ? 24 : 16;
        long fraction = nanos ? 1 : 1000;
        while (!stopped) {
            recordsInBuffer(sink, linkType, fcsBytes, header, fraction, be);
            if (stopped) {
                return;
            }
            // the next record is not complete in the buffer (or is damaged): read on, check, report
            long recordOffset = offset();
            int have = fill(header);
            if (have == 0) {
                return;
            }
            recordNumber++;
            if (have < header) {
                throw damaged("record header cut off (" + have + " of " + header + " bytes)", recordOffset);
            }
            long seconds = s32(buf, pos, be) & 0xFFFF_FFFFL;
            long frac = s32(buf, pos + 4, be) & 0xFFFF_FFFFL;
            int captured = s32(buf, pos + 8, be);
            int original = s32(buf, pos + 12, be);
            if (captured < 0 || captured > MAX_CAPTURED) {
                throw damaged("impossible captured length " + Integer.toUnsignedString(captured), recordOffset);
            }
            int got = fill(header + captured);
            if (got < header + captured) {
                throw damaged("frame data cut off (" + (got - header) + " of " + captured + " bytes)", recordOffset);
            }
            long ts = seconds * NANOS + frac * fraction;
            if (!pace(ts)) {
                return;
            }
            frame(sink, 0, linkType, buf, pos + header, captured, original, fcsBytes, ts);
            pos += header + captured;
        }
    }

    /**
     * Delivers the complete, plausible records already in the buffer; stops at the first one
     * that is not (the caller reads on, or reports the damage). The hot loop of a replay lives
     * in methods of its own so that the JIT compiles it as methods: a loop that only ever runs
     * once per file would run as an on-stack replacement, which was measured 1.5-2x slower over
     * a whole multi-GB replay. This one is called once per buffer fill, {@link #recordSlice}
     * once per {@link #SLICE} records.
     */
    private void recordsInBuffer(FrameSink sink, int linkType, int fcsBytes, int header, long fraction, boolean be) {
        while (recordSlice(sink, linkType, fcsBytes, header, fraction, be)) {
            // the next slice
        }
    }

    /**
     * Delivers at most {@link #SLICE} of the complete, plausible records in the buffer.
     *
     * @return true when it stopped after a slice (call it again), false when the buffer holds
     *     no further complete, plausible record or the replay was stopped
     */
    private boolean recordSlice(FrameSink sink, int linkType, int fcsBytes, int header, long fraction, boolean be) {
        byte[] b = buf;
        int p = pos;
        int end = limit;
        boolean paced = !atFullSpeed();
        for (int n = SLICE; end - p >= header && !stopped; n--) {
            if (n == 0) {
                pos = p;
                return true;
            }
            int captured = s32(b, p + 8, be);
            if (captured < 0 || captured > MAX_CAPTURED || captured > end - p - header) {
                break;
            }
            recordNumber++;
            long ts = (s32(b, p, be) & 0xFFFF_FFFFL) * NANOS + (s32(b, p + 4, be) & 0xFFFF_FFFFL) * fraction;
            int original = s32(b, p + 12, be);
            if (paced) {
                pos = p;
                if (!pace(ts)) {
                    return false; // stopped while waiting: this frame was not due
                }
            }
            frame(sink, 0, linkType, b, p + header, captured, original, fcsBytes, ts);
            p += header + captured;
        }
        pos = p;
        return false;
    }

    // ---------------------------------------------------------------- pcapng

    private void readPcapng(FrameSink sink) throws SourceException {
        readPcapngBlocks(sink);
        long skippedFrames = skipped.values().stream().mapToLong(n -> n[0]).sum();
        if (skipped.size() == 1) {
            PcapngInterface only = skipped.keySet().iterator().next();
            throw new SourceException(Kind.UNSUPPORTED_LINK_TYPE, fileName + ": " + skippedFrames
                    + " frame(s) on interface " + only.name + " were not counted: link type "
                    + LinkType.describe(only.linkType) + " is not supported; supported: "
                    + LinkType.supportedList());
        }
        if (!skipped.isEmpty()) {
            StringBuilder each = new StringBuilder();
            int named = 0;
            for (Map.Entry<PcapngInterface, long[]> e : skipped.entrySet()) {
                if (named++ == 5) {
                    each.append(", and ").append(skipped.size() - 5).append(" more");
                    break;
                }
                long n = e.getValue()[0];
                each.append(named == 1 ? "" : ", ").append(e.getKey().name).append(" (").append(n)
                        .append(n == 1 ? " frame, " : " frames, ").append(LinkType.describe(e.getKey().linkType)).append(')');
            }
            throw new SourceException(Kind.UNSUPPORTED_LINK_TYPE, fileName + ": " + skippedFrames + " frame(s) on "
                    + skipped.size() + " interfaces were not counted, their link types are not supported: " + each
                    + "; supported: " + LinkType.supportedList());
        }
    }

    private void readPcapngBlocks(FrameSink sink) throws SourceException {
        List<PcapngInterface> section = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int nextId = 0;
        while (!stopped) {
            if (!section.isEmpty()) {
                packetBlocksInBuffer(sink, section);
                if (stopped) {
                    return;
                }
            }
            long blockOffset = offset();
            int have = fill(12);
            if (have == 0) {
                return;
            }
            recordNumber++;
            if (have < 12) {
                throw damaged("block header cut off (" + have + " of 12 bytes)", blockOffset);
            }
            int type = s32(buf, pos, bigEndian);
            if (type == PCAPNG_SHB) {
                int bom = s32(buf, pos + 8, true);
                if (bom == 0x1A2B3C4D) {
                    bigEndian = true;
                } else if (bom == 0x4D3C2B1A) {
                    bigEndian = false;
                } else {
                    throw damaged(String.format("section header with a bad byte-order magic 0x%08x", bom), blockOffset);
                }
                section.clear();
            } else if (recordNumber == 1) {
                throw damaged("does not start with a section header block", blockOffset);
            }
            long total = s32(buf, pos + 4, bigEndian) & 0xFFFF_FFFFL;
            if (total < 12 || total % 4 != 0 || total > MAX_RECORD) {
                throw damaged("impossible block length " + total, blockOffset);
            }
            int length = (int) total;
            int got = fill(length);
            if (got < length) {
                throw damaged("block cut off (" + got + " of " + length + " bytes)", blockOffset);
            }
            if ((s32(buf, pos + length - 4, bigEndian) & 0xFFFF_FFFFL) != total) {
                throw damaged("block length " + total + " does not match its trailer", blockOffset);
            }
            if (type == PCAPNG_SHB && length >= 16 && u16(buf, pos + 12, bigEndian) != 1) {
                // pcapng 1.x only, as Wireshark reads it (an unknown major version changes the format)
                String version = u16(buf, pos + 12, bigEndian) + "." + u16(buf, pos + 14, bigEndian);
                if (recordNumber == 1) {
                    throw new SourceException(Kind.UNREADABLE_FILE, fileName + ": pcapng version " + version
                            + " (jtraf reads pcapng 1.x; is the file damaged?)");
                }
                throw damaged("section header of pcapng version " + version + " (jtraf reads 1.x)", blockOffset);
            }
            switch (type) {
                case 1: {
                    PcapngInterface iface = interfaceBlock(length, nextId, names, blockOffset);
                    section.add(iface);
                    nextId++;
                    sink.interfaceDeclared(iface.id, iface.name, iface.linkType);
                    break;
                }
                case 6: case 2: {
                    if (length < 32) {
                        throw damaged("packet block too short (" + length + " bytes)", blockOffset);
                    }
                    int ifIndex = type == 6 ? s32(buf, pos + 8, bigEndian) : u16(buf, pos + 8, bigEndian);
                    PcapngInterface iface = interfaceOf(section, ifIndex, blockOffset);
                    long units = ((s32(buf, pos + 12, bigEndian) & 0xFFFF_FFFFL) << 32)
                            | (s32(buf, pos + 16, bigEndian) & 0xFFFF_FFFFL);
                    int captured = s32(buf, pos + 20, bigEndian);
                    int original = s32(buf, pos + 24, bigEndian);
                    if (captured < 0 || 28 + captured > length - 4) {
                        throw damaged("captured length " + Integer.toUnsignedString(captured)
                                + " does not fit its block of " + length + " bytes", blockOffset);
                    }
                    ngLastTimestamp = stamp(iface, units);
                    deliver(sink, iface, 28, captured, original, ngLastTimestamp, true);
                    break;
                }
                case 3: {
                    PcapngInterface iface = interfaceOf(section, 0, blockOffset);
                    int original = s32(buf, pos + 8, bigEndian);
                    int captured = Math.min(length - 16, original < 0 ? Integer.MAX_VALUE : original);
                    if (iface.snaplen > 0) {
                        captured = Math.min(captured, iface.snaplen);
                    }
                    deliver(sink, iface, 12, Math.max(0, captured), original, ngLastTimestamp, true);
                    break;
                }
                default:
                    break; // section header, statistics, name resolution, custom: nothing to count
            }
            pos += length;
        }
    }

    /**
     * Delivers the enhanced packet blocks already complete in the buffer that pass every check
     * of {@link #readPcapngBlocks}; stops at any other block, or at one that needs a closer
     * look (the caller then handles it, and reports damage). Methods of its own for the JIT:
     * see {@link #recordsInBuffer}.
     */
    private void packetBlocksInBuffer(FrameSink sink, List<PcapngInterface> section) {
        while (packetBlockSlice(sink, section)) {
            // the next slice
        }
    }

    /** At most {@link #SLICE} blocks of {@link #packetBlocksInBuffer}; true when it stopped after them. */
    private boolean packetBlockSlice(FrameSink sink, List<PcapngInterface> section) {
        byte[] b = buf;
        boolean be = bigEndian;
        int p = pos;
        int end = limit;
        int interfaces = section.size();
        boolean paced = !atFullSpeed();
        for (int n = SLICE; end - p >= 32 && !stopped; n--) {
            if (n == 0) {
                pos = p;
                return true;
            }
            if (s32(b, p, be) != 6) {
                break;
            }
            int length = s32(b, p + 4, be);
            if (length < 32 || (length & 3) != 0 || length > MAX_RECORD || length > end - p
                    || s32(b, p + length - 4, be) != length) {
                break;
            }
            int ifIndex = s32(b, p + 8, be);
            int captured = s32(b, p + 20, be);
            if (ifIndex < 0 || ifIndex >= interfaces || captured < 0 || 28 + captured > length - 4) {
                break;
            }
            PcapngInterface iface = section.get(ifIndex);
            recordNumber++;
            long units = ((s32(b, p + 12, be) & 0xFFFF_FFFFL) << 32) | (s32(b, p + 16, be) & 0xFFFF_FFFFL);
            int original = s32(b, p + 24, be);
            ngLastTimestamp = stamp(iface, units);
            pos = p;
            deliver(sink, iface, 28, captured, original, ngLastTimestamp, paced);
            p += length;
        }
        pos = p;
        return false;
    }

    /** {@code paced} false: the caller found the replay at full speed for this slice ({@link #atFullSpeed}). */
    private void deliver(FrameSink sink, PcapngInterface iface, int dataOffset, int captured, int original, long ts,
            boolean paced) {
        if (!LinkType.isSupported(iface.linkType)) {
            // partial failure is normal: count the other interfaces, name this one at the end
            skipped.computeIfAbsent(iface, k -> new long[1])[0]++;
            return;
        }
        if (!paced || pace(ts)) {
            frame(sink, iface.id, iface.linkType, buf, pos + dataOffset, captured, original, iface.fcsBytes, ts);
        }
    }

    /**
     * Hands one record to the sink without its FCS ({@code fcsBytes} at the end of the frame, 0
     * when the file announces none): semantics.md counts a frame's bytes FCS excluded, as the
     * kernel's rx/tx_bytes do, so both the original length and the captured bytes stop before
     * it, and the decoder never takes FCS bytes for the packet's (tshark's frame.len keeps them).
     */
    private void frame(FrameSink sink, int interfaceId, int linkType, byte[] b, int off, int captured, int original,
            int fcsBytes, long ts) {
        int length = countedLength(original, captured);
        if (fcsBytes != 0) {
            length = Math.max(0, length - fcsBytes);
            captured = Math.min(captured, length);
        }
        sink.frame(interfaceId, linkType, b, off, captured, length, ts);
    }

    /**
     * FCS bytes at the end of every record of a classic pcap file, from its link-type field:
     * when the "FCS length present" bit (0x04000000) is set, bits 28-31 give the FCS length in
     * 16-bit words (libpcap's LT_FCS_LENGTH_PRESENT and LT_FCS_LENGTH, which Wireshark's reader
     * uses too), so an Ethernet FCS of 4 bytes is 2. Without that bit bits 28-31 say nothing:
     * fuzzed files of the tcpdump test suite set them alone.
     */
    static int fcsBytesOfLinkTypeField(int linkTypeField) {
        return (linkTypeField & 0x0400_0000) == 0 ? 0 : (linkTypeField >>> 28) * 2;
    }

    /** A packet block's time; one beyond what a long of nanoseconds holds is counted at the bound and named at the end. */
    private long stamp(PcapngInterface iface, long units) {
        long ts = iface.toNanos(units);
        if (PcapngInterface.outOfRange(ts) && unrepresentableTimes++ == 0) {
            firstUnrepresentableTime = recordNumber;
        }
        return ts;
    }

    /**
     * The length to count for a record: its original length, unless that says 2 GiB or more
     * (read as a signed int, negative), which no frame has: such a record header is damaged
     * (tcpdump calls it an invalid header, tshark shows 2147483647, capinfos adds the 4 GB).
     * It is then counted with its captured length, and {@link #parse} names it at the end.
     */
    private int countedLength(int original, int captured) {
        if (original >= 0) {
            return original;
        }
        if (impossibleOriginals++ == 0) {
            firstImpossibleRecord = recordNumber;
        }
        return captured;
    }

    private PcapngInterface interfaceOf(List<PcapngInterface> section, int localId, long blockOffset) throws SourceException {
        if (localId < 0 || localId >= section.size()) {
            throw damaged("packet refers to interface " + Integer.toUnsignedString(localId)
                    + ", which has no description block", blockOffset);
        }
        return section.get(localId);
    }

    private PcapngInterface interfaceBlock(int length, int id, Set<String> names, long blockOffset)
            throws SourceException {
        if (length < 20) {
            throw damaged("interface description block too short (" + length + " bytes)", blockOffset);
        }
        PcapngInterface iface = PcapngInterface.parse(buf, pos, length, bigEndian, id, names, stripExtension(fileName));
        if (iface == null) {
            throw damaged("interface description block with an option that runs past the block", blockOffset);
        }
        return iface;
    }

    // ---------------------------------------------------------------- pacing

    /**
     * At full speed and not paused: no frame waits (and the clock is not anchored). The hot
     * loops ask once per slice and then deliver its frames without {@link #pace}, which asks the
     * same for each frame (a change of speed or a pause takes effect at the next slice, 64
     * frames later).
     */
    private boolean atFullSpeed() {
        if (speed <= 0 && !paused) {
            clock.reset();
            return true;
        }
        return false;
    }

    /**
     * Waits until the frame stamped {@code frameNanos} is due (paced replay), and while paused;
     * false if the replay was stopped meanwhile (do not deliver it).
     */
    private boolean pace(long frameNanos) {
        if (atFullSpeed()) {
            return true;
        }
        while (!stopped) {
            long now = System.nanoTime();
            if (clock.isPaused()) {
                LockSupport.parkNanos(20_000_000L);
                continue;
            }
            double s = speed;
            if (s <= 0) {
                clock.reset();
                return true;
            }
            long due = clock.due(frameNanos, s, now); // Long.MAX_VALUE if a pause came meanwhile
            long wait = due == Long.MAX_VALUE ? Long.MAX_VALUE : due - now;
            if (wait <= 0) {
                return true;
            }
            // short slices, so that stop, pause and speed changes take effect promptly
            LockSupport.parkNanos(Math.min(wait, 50_000_000L));
        }
        return false;
    }

    /**
     * Recorded time a paced replay has reached, also between frames (a gap in the recording
     * goes by on this clock), or {@code Long.MIN_VALUE} when not paced. Any thread.
     */
    @Override
    public long positionNanos() {
        return clock.position(System.nanoTime());
    }

    // ---------------------------------------------------------------- buffer

    /**
     * Makes up to {@code n} bytes available at {@code pos}; returns how many are (less only at
     * EOF). The unparsed tail moves in front of the next read-ahead chunk's data, into the room
     * kept there for it; a record longer than that room is assembled in a buffer of its own.
     */
    private int fill(int n) throws SourceException {
        if (limit - pos >= n) {
            return n;
        }
        try {
            while (limit - pos < n && !endOfInput) {
                ReadAhead.Chunk next = input.next();
                if (next == null) {
                    endOfInput = true;
                    endedByStop = stopped; // stop() makes next() return null: then a cut record is not damage
                    break;
                }
                int kept = limit - pos;
                if (kept <= ReadAhead.RESERVE) {
                    int start = ReadAhead.RESERVE - kept;
                    System.arraycopy(buf, pos, next.array, start, kept);
                    use(next.array, start, ReadAhead.RESERVE + next.length, next);
                } else {
                    int need = kept + next.length;
                    byte[] a = assembly;
                    if (a == null || a.length < need) {
                        a = new byte[Math.max(need, a == null ? 0 : Math.min(2 * a.length, MAX_RECORD + need))];
                    }
                    System.arraycopy(buf, pos, a, 0, kept);
                    System.arraycopy(next.array, ReadAhead.RESERVE, a, kept, next.length);
                    input.release(next);
                    assembly = a;
                    use(a, 0, need, null);
                }
            }
        } catch (ReadAhead.FileCut e) {
            // every byte still in the file was delivered, and every whole record in them counted:
            // offset() is where the first record the cut took starts (the new end if it fell between two)
            throw damaged(e.getMessage() + "; the frames before byte offset " + offset() + " were counted");
        } catch (IOException e) {
            throw new SourceException(Kind.UNREADABLE_FILE, fileName + ": read error at byte offset " + offset()
                    + ": " + e.getMessage());
        }
        return Math.min(n, limit - pos);
    }

    /** Parses on in {@code target} from {@code start}; gives the previous chunk back to the reader. */
    private void use(byte[] target, int start, int end, ReadAhead.Chunk owner) {
        bufferFileOffset += pos - start;
        if (chunk != null) {
            input.release(chunk);
        }
        chunk = owner;
        buf = target;
        pos = start;
        limit = end;
    }

    private long offset() {
        return bufferFileOffset + pos;
    }

    private SourceException damaged(String what) {
        return new SourceException(Kind.DAMAGED_FILE, fileName + ": damaged capture file: " + what);
    }

    private SourceException damaged(String what, long byteOffset) {
        return new SourceException(Kind.DAMAGED_FILE, fileName + ": damaged capture file at " + recordWord + " " + recordNumber
                + " (byte offset " + byteOffset + "): " + what + "; the frames before it were counted");
    }

    private static SourceException unsupported(String where, int linkType) {
        return new SourceException(Kind.UNSUPPORTED_LINK_TYPE, where + ": link type " + LinkType.describe(linkType)
                + " is not supported; supported: " + LinkType.supportedList());
    }

    private static String stripExtension(String name) {
        for (String ext : new String[] {".pcapng", ".pcap", ".cap", ".ntar", ".dmp"}) {
            if (name.length() > ext.length() && name.toLowerCase(java.util.Locale.ROOT).endsWith(ext)) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    private static int u16(byte[] b, int p, boolean be) {
        return be ? ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff) : ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
    }

    private static int s32(byte[] b, int p, boolean be) {
        return be ? (int) BE_INT.get(b, p) : (int) LE_INT.get(b, p);
    }

    @Override
    public void close() {
        if (input != null) {
            input.close();
        }
        try {
            if (channel != null && channel.isOpen() && !"-".equals(path.toString())) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing was written; a failed close of a read-only file loses nothing
        }
    }
}
