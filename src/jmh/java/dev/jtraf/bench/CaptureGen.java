package dev.jtraf.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * Writes synthetic Ethernet captures for the benchmarks ({@code src/bench/compare.sh}): a
 * realistic mix of frame sizes from 60 to 1514 bytes (many small ACK-sized frames, many full
 * ones, some in between; about 690 bytes on average) and of protocols (IPv4 TCP/UDP/ICMP with
 * valid header checksums, IPv6 TCP/UDP, VLAN-tagged IPv4, ARP), in classic pcap (nanosecond)
 * or pcapng. The same seed gives the same file.
 *
 * <pre>
 *   java -cp benchmarks.jar dev.jtraf.bench.CaptureGen pcap|pcapng FRAMES OUT [PPS] [SEED] [iponly]
 * </pre>
 * PPS (default 100000) spaces the timestamps, so a replay dump has FRAMES/PPS interval blocks;
 * {@code iponly} leaves out VLAN-tagged and ARP frames (live loads: iptraf-ng counts neither by
 * default, so every tool compared counts every frame offered).
 * Prints "frames N bytes B" (B = file size).
 */
public final class CaptureGen {
    private static final int TEMPLATES = 1024;
    private static final long T0 = 1_700_000_000L * 1_000_000_000L;

    private CaptureGen() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || !(args[0].equals("pcap") || args[0].equals("pcapng"))) {
            System.err.println("usage: CaptureGen pcap|pcapng FRAMES OUT [PPS] [SEED] [iponly]");
            System.exit(2);
        }
        boolean ng = args[0].equals("pcapng");
        long frames = Long.parseLong(args[1]);
        Path out = Path.of(args[2]);
        long pps = args.length > 3 ? Long.parseLong(args[3]) : 100_000;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        boolean all = !(args.length > 5 && args[5].equals("iponly"));
        long size = write(ng, frames, out, pps, seed, all);
        System.out.println("frames " + frames + " bytes " + size);
    }

    /** Writes the capture (the whole mix); returns its size in bytes. */
    public static long write(boolean ng, long frames, Path out, long pps, long seed) throws IOException {
        return write(ng, frames, out, pps, seed, true);
    }

    /**
     * Writes the capture; returns its size in bytes.
     *
     * @param all false: IPv4 and IPv6 frames only, no VLAN tags, no ARP
     */
    public static long write(boolean ng, long frames, Path out, long pps, long seed, boolean all) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[][] templates = new byte[TEMPLATES][];
        for (int i = 0; i < TEMPLATES; i++) {
            templates[i] = frame(rnd, size(rnd), all);
        }
        long gap = Math.max(1, 1_000_000_000L / Math.max(1, pps));
        ByteBuffer b = ByteBuffer.allocateDirect(8 << 20).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            if (ng) {
                // section header block
                b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                        .putLong(-1L).putInt(28);
                // interface description block: Ethernet, snaplen 262144, if_name "gen0", if_tsresol 9
                b.putInt(1).putInt(40).putShort((short) 1).putShort((short) 0).putInt(262144)
                        .putShort((short) 2).putShort((short) 4).put(new byte[] {'g', 'e', 'n', '0'})
                        .putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3])
                        .putInt(0).putInt(40);
            } else {
                b.putInt(0xA1B23C4D).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
            }
            long ts = T0;
            for (long n = 0; n < frames; n++) {
                byte[] f = templates[rnd.nextInt(TEMPLATES)];
                int need = ng ? 32 + ((f.length + 3) & ~3) : 16 + f.length;
                if (b.remaining() < need) {
                    drain(ch, b);
                }
                if (ng) {
                    int padded = (f.length + 3) & ~3;
                    int total = 32 + padded;
                    b.putInt(6).putInt(total).putInt(0).putInt((int) (ts >>> 32)).putInt((int) ts)
                            .putInt(f.length).putInt(f.length).put(f);
                    for (int i = f.length; i < padded; i++) {
                        b.put((byte) 0);
                    }
                    b.putInt(total);
                } else {
                    b.putInt((int) (ts / 1_000_000_000L)).putInt((int) (ts % 1_000_000_000L))
                            .putInt(f.length).putInt(f.length).put(f);
                }
                ts += gap;
            }
            drain(ch, b);
            return ch.size();
        }
    }

    private static void drain(FileChannel ch, ByteBuffer b) throws IOException {
        b.flip();
        while (b.hasRemaining()) {
            ch.write(b);
        }
        b.clear();
    }

    /** A frame size from a realistic mix: 38 % ACK-sized, 12 % small, 10 % medium, 40 % near MTU. */
    static int size(SplittableRandom rnd) {
        int r = rnd.nextInt(100);
        if (r < 38) {
            return 60 + rnd.nextInt(31);
        } else if (r < 50) {
            return 91 + rnd.nextInt(410);
        } else if (r < 60) {
            return 501 + rnd.nextInt(700);
        }
        return 1300 + rnd.nextInt(215);
    }

    /** One Ethernet frame of exactly {@code len} bytes (60-1514). */
    static byte[] frame(SplittableRandom rnd, int len, boolean all) {
        byte[] f = new byte[len];
        // destination and source MACs (locally administered unicast), one in 64 broadcast
        f[0] = 0x02;
        f[5] = (byte) rnd.nextInt(256);
        if (rnd.nextInt(64) == 0) {
            for (int i = 0; i < 6; i++) {
                f[i] = (byte) 0xff;
            }
        }
        f[6] = 0x02;
        f[11] = (byte) rnd.nextInt(256);
        int kind = rnd.nextInt(100);
        int p = 12;
        if (!all) {
            kind = kind % 90; // no ARP, no VLAN
        }
        if (kind >= 95) { // ARP (short; padded to 60)
            put16(f, p, 0x0806);
            put16(f, p + 2, 1);
            put16(f, p + 4, 0x0800);
            f[p + 6] = 6;
            f[p + 7] = 4;
            put16(f, p + 8, 1);
            return f;
        }
        if (kind >= 90 && len >= 64) { // VLAN-tagged IPv4: VLAN 10, or a priority tag (TCI 0)
            put16(f, p, 0x8100);
            put16(f, p + 2, kind % 2 == 0 ? 0 : 10);
            p += 4;
        }
        if (kind >= 75 && kind < 90 && len >= 14 + 40 + 8) {
            put16(f, p, 0x86DD);
            int ip = p + 2;
            f[ip] = 0x60;
            put16(f, ip + 4, len - ip - 40);
            f[ip + 6] = (byte) (rnd.nextBoolean() ? 6 : 17);
            f[ip + 7] = 64;
            f[ip + 8] = (byte) 0xfd;
            f[ip + 24] = (byte) 0xfd;
            f[ip + 39] = 1;
            return f;
        }
        put16(f, p, 0x0800);
        int ip = p + 2;
        int proto = kind < 45 ? 6 : kind < 70 ? 17 : 1;
        // small IPv4 datagrams are padded to the 60-byte Ethernet minimum: total length < frame
        int total = Math.max(28, len - ip - (len <= 64 ? rnd.nextInt(7) : 0));
        f[ip] = 0x45;
        put16(f, ip + 2, total);
        put16(f, ip + 4, rnd.nextInt(65536));
        f[ip + 8] = 64;
        f[ip + 9] = (byte) proto;
        f[ip + 12] = 10;
        f[ip + 13] = (byte) rnd.nextInt(256);
        f[ip + 15] = 1;
        f[ip + 16] = 10;
        f[ip + 17] = (byte) rnd.nextInt(256);
        f[ip + 19] = 2;
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((f[ip + i] & 0xff) << 8) | (f[ip + i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        put16(f, ip + 10, ~sum & 0xffff);
        return f;
    }

    private static void put16(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 8);
        b[p + 1] = (byte) v;
    }
}
