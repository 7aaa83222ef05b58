package dev.jtraf.live;

import dev.jtraf.lab.Lab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The records of a classic pcap file as tcpdump {@code -w} writes them, read by the test
 * itself (independently of jtraf's reader): used to cut a recording down to a time window and
 * to classify frames for the cross-checks. {@link #countWithTcpdump} is the independent
 * oracle: it lets tcpdump read the file and counts its lines by their {@code -tt} timestamps.
 */
final class PcapRecords {
    /** One record: timestamp in epoch microseconds (or ns, see {@link #nanos}), lengths and captured bytes. */
    record Rec(long ts, int origLen, byte[] data) {}

    final byte[] header;
    final ByteOrder order;
    final boolean nanos;
    final int linkType;
    final List<Rec> records;

    private PcapRecords(byte[] header, ByteOrder order, boolean nanos, int linkType, List<Rec> records) {
        this.header = header;
        this.order = order;
        this.nanos = nanos;
        this.linkType = linkType;
        this.records = records;
    }

    static PcapRecords read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (all.length < 24) {
            throw new IllegalStateException(file + ": no pcap header (" + all.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
            order = ByteOrder.BIG_ENDIAN;
            b.order(order);
            magic = b.getInt(0);
        }
        boolean nanos;
        if (magic == 0xa1b2c3d4) {
            nanos = false;
        } else if (magic == 0xa1b23c4d) {
            nanos = true;
        } else {
            throw new IllegalStateException(file + ": not a classic pcap (magic " + Integer.toHexString(magic) + ")");
        }
        int linkType = b.getInt(20) & 0x0FFF_FFFF;
        List<Rec> recs = new ArrayList<>();
        int off = 24;
        while (off + 16 <= all.length) {
            long sec = b.getInt(off) & 0xFFFF_FFFFL;
            long frac = b.getInt(off + 4) & 0xFFFF_FFFFL;
            int incl = b.getInt(off + 8);
            int orig = b.getInt(off + 12);
            if (incl < 0 || off + 16 + incl > all.length) {
                break; // a record cut off by the stop: tcpdump -U wrote whole records, so this is the end
            }
            byte[] data = new byte[incl];
            System.arraycopy(all, off + 16, data, 0, incl);
            recs.add(new Rec(sec * (nanos ? 1_000_000_000L : 1_000_000L) + frac, orig, data));
            off += 16 + incl;
        }
        byte[] header = new byte[24];
        System.arraycopy(all, 0, header, 0, 24);
        return new PcapRecords(header, order, nanos, linkType, recs);
    }

    /** The file's time unit per second. */
    long unit() {
        return nanos ? 1_000_000_000L : 1_000_000L;
    }

    /** Records stamped in {@code [from, to]}. */
    List<Rec> within(Instant from, Instant to) {
        long a = toUnits(from);
        long z = toUnits(to);
        return records.stream().filter(r -> r.ts >= a && r.ts <= z).toList();
    }

    private long toUnits(Instant i) {
        return nanos ? i.getEpochSecond() * 1_000_000_000L + i.getNano()
                : i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    /** Writes the records stamped in {@code [from, to]} as a new pcap file with the same header. */
    Path writeWindow(Path out, Instant from, Instant to) {
        List<Rec> keep = within(from, to);
        int size = 24;
        for (Rec r : keep) {
            size += 16 + r.data.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(order);
        b.put(header);
        for (Rec r : keep) {
            b.putInt((int) (r.ts / unit()));
            b.putInt((int) (r.ts % unit()));
            b.putInt(r.data.length);
            b.putInt(r.origLen);
            b.put(r.data);
        }
        try {
            Files.write(out, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** LINUX_SLL2: the interface index of a record. */
    static int sll2Ifindex(Rec r) {
        return ByteBuffer.wrap(r.data, 4, 4).order(ByteOrder.BIG_ENDIAN).getInt();
    }

    /** Ethernet: destination and source MAC as "aa:bb:cc:dd:ee:ff". */
    static String dstMac(Rec r) {
        return mac(r.data, 0);
    }

    static String srcMac(Rec r) {
        return mac(r.data, 6);
    }

    static boolean isBroadcastMac(String mac) {
        return mac.equals("ff:ff:ff:ff:ff:ff");
    }

    /** The group bit of the first octet, broadcast excluded. */
    static boolean isMulticastMac(String mac) {
        return !isBroadcastMac(mac) && (Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0;
    }

    /** Ethernet: true if the frame is IPv4 to 255.255.255.255, or IPv4 224/4 or IPv6 ff00::/8. */
    static boolean ipDestinationIsBroadcastOrMulticast(Rec r, boolean broadcast) {
        byte[] d = r.data;
        if (d.length < 14) {
            return false;
        }
        int type = ((d[12] & 0xff) << 8) | (d[13] & 0xff);
        if (type == 0x0800 && d.length >= 14 + 20) {
            int a = d[30] & 0xff;
            boolean limited = a == 255 && (d[31] & 0xff) == 255 && (d[32] & 0xff) == 255 && (d[33] & 0xff) == 255;
            return broadcast ? limited : (a >= 224 && a <= 239);
        }
        if (type == 0x86DD && d.length >= 14 + 40) {
            return !broadcast && (d[38] & 0xff) == 0xff;
        }
        return false;
    }

    private static String mac(byte[] d, int off) {
        if (d.length < off + 6) {
            return "";
        }
        return HexFormat.ofDelimiter(":").formatHex(d, off, off + 6);
    }

    /**
     * The oracle count: frames tcpdump itself reads from {@code file} with a {@code -tt}
     * timestamp in {@code [from, to]}.
     */
    static long countWithTcpdump(Path file, Instant from, Instant to) {
        Lab.Result r = Lab.sh(Duration.ofSeconds(60), Lab.assumeCommand("tcpdump").toString(), "-r", file.toString(),
                "-tt", "-n", "-q").orThrow();
        long a = from.getEpochSecond() * 1_000_000L + from.getNano() / 1000;
        long z = to.getEpochSecond() * 1_000_000L + to.getNano() / 1000;
        long n = 0;
        for (String line : r.stdout().lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            String first = line.substring(0, line.indexOf(' ') < 0 ? line.length() : line.indexOf(' '));
            int dot = first.indexOf('.');
            if (dot < 0 || !first.matches("\\d+\\.\\d{6,9}")) {
                throw new IllegalStateException("unexpected tcpdump -tt line: " + line);
            }
            long us = Long.parseLong(first.substring(0, dot)) * 1_000_000L
                    + Long.parseLong((first.substring(dot + 1) + "000").substring(0, 6));
            if (us >= a && us <= z) {
                n++;
            }
        }
        return n;
    }
}
