package dev.jtraf.source;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * One interface of a pcapng section, from its Interface Description Block: link type, snap
 * length, name ({@code if_name}), timestamp unit ({@code if_tsresol}, {@code if_tsoffset}) and
 * FCS length ({@code if_fcslen}).
 * Immutable; made by the replay thread.
 */
final class PcapngInterface {
    private static final long NANOS = 1_000_000_000L;
    /** 2262-01-01T00:00:00Z: the latest time jtraf keeps (a long of epoch nanoseconds ends in April 2262). */
    static final long LATEST = 9_214_646_400L * NANOS;
    /** 1678-01-01T00:00:00Z: the earliest. */
    static final long EARLIEST = -9_214_560_000L * NANOS;
    private static final long[] POW10 = {1L, 10L, 100L, 1000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L};

    final int id;
    final int linkType;
    final int snaplen;
    /**
     * Bytes of FCS at the end of each frame, from {@code if_fcslen}: 0 when absent. The option
     * gives bits (pcapng draft, section if_fcslen); a value that is not whole bytes is ignored.
     */
    final int fcsBytes;
    final String name;
    private final boolean pow2;
    private final int exponent;
    private final long offsetSeconds;
    /** Decimal units of at most a nanosecond: the most whose nanoseconds fit in a long. */
    private final long maxUnits;

    private PcapngInterface(int id, int linkType, int snaplen, int fcsBytes, boolean pow2, int exponent,
            long offsetSeconds, String name) {
        this.id = id;
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.fcsBytes = fcsBytes;
        this.pow2 = pow2;
        this.exponent = exponent;
        this.offsetSeconds = offsetSeconds;
        this.name = name;
        this.maxUnits = !pow2 && exponent <= 9 ? Long.MAX_VALUE / POW10[9 - exponent] : Long.MAX_VALUE;
    }

    /**
     * Parses an Interface Description Block of {@code length} bytes (at least 20) at {@code pos}.
     *
     * @param id           the dense id this interface gets in the whole file
     * @param names        names already taken in the file; the name is made unique ({@code eth0#2})
     *                     and added
     * @param fallbackBase the base of the name when the block has no {@code if_name} ({@code base#id})
     * @return the interface, or null if an option runs past the end of the block (damage)
     */
    static PcapngInterface parse(byte[] buf, int pos, int length, boolean bigEndian, int id, Set<String> names,
            String fallbackBase) {
        int linkType = u16(buf, pos + 8, bigEndian);
        int snaplen = s32(buf, pos + 12, bigEndian);
        boolean pow2 = false;
        int exponent = 6;
        long offsetSeconds = 0;
        int fcsBytes = 0;
        String name = null;
        int o = pos + 16;
        int end = pos + length - 4;
        while (o + 4 <= end) {
            int code = u16(buf, o, bigEndian);
            int len = u16(buf, o + 2, bigEndian);
            if (o + 4 + len > end) {
                return null; // damage (opt_endofopt too): Wireshark refuses it ("not enough data to handle option")
            }
            if (code == 0) {
                break;
            }
            if (code == 2 && len > 0) {
                name = new String(buf, o + 4, len, StandardCharsets.UTF_8).replace("\0", "").trim();
            } else if (code == 9 && len >= 1) {
                int v = buf[o + 4] & 0xff;
                pow2 = (v & 0x80) != 0;
                exponent = v & 0x7f;
            } else if (code == 13 && len >= 1) {
                int bits = buf[o + 4] & 0xff;
                fcsBytes = bits % 8 == 0 ? bits / 8 : 0;
            } else if (code == 14 && len >= 8) {
                // a 64-bit integer in the section's byte order
                long first = s32(buf, o + 4, bigEndian) & 0xFFFF_FFFFL;
                long second = s32(buf, o + 8, bigEndian) & 0xFFFF_FFFFL;
                offsetSeconds = bigEndian ? (first << 32) | second : (second << 32) | first;
            }
            o += 4 + ((len + 3) & ~3);
        }
        if (name == null || name.isEmpty()) {
            name = fallbackBase + "#" + id;
        }
        String unique = name;
        for (int n = 2; !names.add(unique); n++) {
            unique = name + "#" + n;
        }
        return new PcapngInterface(id, linkType, snaplen, fcsBytes, pow2, exponent, offsetSeconds, unique);
    }

    /**
     * Epoch nanoseconds of a timestamp in this interface's units (an unsigned 64-bit number),
     * within {@link #EARLIEST} and {@link #LATEST}: a pcapng timestamp can say more than a long
     * of nanoseconds holds (year 2262), and is then one of these two bounds ({@link #outOfRange}).
     */
    long toNanos(long units) {
        long n; // Long.MAX_VALUE where the nanoseconds do not fit in a long
        if (!pow2) {
            if (exponent <= 9) {
                n = units < 0 || units > maxUnits ? Long.MAX_VALUE : units * POW10[9 - exponent];
            } else {
                n = Long.divideUnsigned(units, POW10[Math.min(exponent - 9, 12)]);
            }
        } else if (exponent <= 30) {
            long whole = units >>> exponent;
            long rest = units & ((1L << exponent) - 1);
            n = whole >= Long.MAX_VALUE / NANOS ? Long.MAX_VALUE : whole * NANOS + ((rest * NANOS) >>> exponent);
        } else {
            double unsigned = (units >>> 1) * 2.0 + (units & 1);
            n = (long) (unsigned / Math.pow(2, exponent) * NANOS); // a cast saturates
        }
        if (offsetSeconds != 0 && n != Long.MAX_VALUE) { // beyond a long stays beyond, whatever the offset
            long off = offsetSeconds >= Long.MAX_VALUE / NANOS ? Long.MAX_VALUE
                    : offsetSeconds <= -(Long.MAX_VALUE / NANOS) ? Long.MIN_VALUE : offsetSeconds * NANOS;
            long r = n + off;
            n = ((n ^ r) & (off ^ r)) < 0 ? (off < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
        }
        return n > LATEST ? LATEST : n < EARLIEST ? EARLIEST : n;
    }

    /** Whether {@code nanos} from {@link #toNanos} is a bound standing for a time beyond it. */
    static boolean outOfRange(long nanos) {
        return nanos == LATEST || nanos == EARLIEST;
    }

    private static int u16(byte[] b, int p, boolean be) {
        return be ? ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff) : ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
    }

    private static int s32(byte[] b, int p, boolean be) {
        int v = ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
        return be ? v : Integer.reverseBytes(v);
    }
}
