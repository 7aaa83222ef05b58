package dev.jtraf.bench;

/** Frames for the benchmarks: a small realistic mix, built once. */
final class BenchFrames {
    private BenchFrames() {
    }

    /** Frame {@code i} of the mix: IPv4 TCP/UDP/ICMP, IPv6 TCP/UDP with a hop-by-hop header, VLAN, ARP. */
    static byte[] ethernetMix(int i) {
        switch (i % 8) {
            case 0: return eth(0x0800, ipv4(6, 40), false);
            case 1: return eth(0x0800, ipv4(17, 28), false);
            case 2: return eth(0x86DD, ipv6(6, 20, false), false);
            case 3: return eth(0x0800, ipv4(6, 40), true);
            case 4: return eth(0x86DD, ipv6(17, 8, true), false);
            case 5: return eth(0x0806, new byte[28], false);
            case 6: return eth(0x0800, ipv4(1, 8), false);
            default: return eth(0x0800, ipv4(17, 120), true);
        }
    }

    /** Wraps an Ethernet frame's payload in a LINUX_SLL2 header (as the live {@code any} capture delivers it). */
    static byte[] sll2(byte[] ethernet, int ifindex, boolean outgoing) {
        byte[] f = new byte[20 + ethernet.length - 14];
        f[0] = ethernet[12];
        f[1] = ethernet[13];
        f[4] = (byte) (ifindex >>> 24);
        f[5] = (byte) (ifindex >>> 16);
        f[6] = (byte) (ifindex >>> 8);
        f[7] = (byte) ifindex;
        f[9] = 1; // ARPHRD_ETHER
        f[10] = (byte) (outgoing ? 4 : 0);
        f[11] = 6;
        System.arraycopy(ethernet, 14, f, 20, ethernet.length - 14);
        return f;
    }

    private static byte[] eth(int type, byte[] payload, boolean vlan) {
        int header = vlan ? 18 : 14;
        byte[] f = new byte[header + payload.length];
        f[0] = 0x02;
        f[5] = 0x01;
        f[6] = 0x02;
        f[11] = 0x02;
        int p = 12;
        if (vlan) {
            f[p] = (byte) 0x81;
            f[p + 3] = 10;
            p += 4;
        }
        f[p] = (byte) (type >>> 8);
        f[p + 1] = (byte) type;
        System.arraycopy(payload, 0, f, header, payload.length);
        return f;
    }

    private static byte[] ipv4(int protocol, int transportBytes) {
        byte[] ip = new byte[20 + transportBytes];
        ip[0] = 0x45;
        int total = ip.length;
        ip[2] = (byte) (total >>> 8);
        ip[3] = (byte) total;
        ip[8] = 64;
        ip[9] = (byte) protocol;
        ip[12] = 10;
        ip[15] = 1;
        ip[16] = 10;
        ip[19] = 2;
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((ip[i] & 0xff) << 8) | (ip[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int checksum = ~sum & 0xffff;
        ip[10] = (byte) (checksum >>> 8);
        ip[11] = (byte) checksum;
        return ip;
    }

    private static byte[] ipv6(int protocol, int transportBytes, boolean hopByHop) {
        int ext = hopByHop ? 8 : 0;
        byte[] ip = new byte[40 + ext + transportBytes];
        ip[0] = 0x60;
        int payload = ext + transportBytes;
        ip[4] = (byte) (payload >>> 8);
        ip[5] = (byte) payload;
        ip[6] = (byte) (hopByHop ? 0 : protocol);
        ip[7] = 64;
        if (hopByHop) {
            ip[40] = (byte) protocol;
        }
        return ip;
    }
}
