package dev.jtraf.view.tui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a little-endian pcapng file (one section; interfaces with names; enhanced packet blocks
 * with microsecond timestamps) and builds the frames tests put in it: Ethernet or Linux cooked
 * (SLL, which carries the direction) around IPv4 / IPv6 / ARP with TCP, UDP or ICMP.
 *
 * <pre>
 *   block: type(4) | total length(4) | body ... | total length(4)
 *   SHB body: byte-order magic 0x1A2B3C4D | version 1.0 | section length -1
 *   IDB body: link type(2) | reserved(2) | snaplen(4) | options: if_name(2)
 *   EPB body: interface(4) | ts high(4) | ts low(4) | captured(4) | original(4) | data, padded
 * </pre>
 */
final class PcapngWriter {
    static final int ETHERNET = 1;
    static final int LINUX_SLL = 113;
    static final int IN = 0;
    static final int OUT = 4;
    static final byte[] BROADCAST = mac(0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
    static final byte[] HOST = mac(0x02, 0x42, 0xac, 0x11, 0x00, 0x01);
    static final byte[] PEER = mac(0x02, 0x42, 0xac, 0x11, 0x00, 0x02);
    static final byte[] IPV6_MULTICAST = mac(0x33, 0x33, 0x00, 0x00, 0x00, 0x01);

    private final OutputStream out;
    private final int snaplen;
    private int interfaces;

    PcapngWriter(OutputStream out, int snaplen) throws IOException {
        this.out = out;
        this.snaplen = snaplen;
        ByteBuffer b = body(16);
        b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        block(0x0A0D0D0A, b);
    }

    /** Declares an interface; returns its id. */
    int addInterface(String name, int linkType) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int padded = (n.length + 3) & ~3;
        ByteBuffer b = body(8 + 4 + padded + 4);
        b.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        b.putShort((short) 2).putShort((short) n.length).put(n).position(b.position() + padded - n.length);
        b.putShort((short) 0).putShort((short) 0);
        block(1, b);
        return interfaces++;
    }

    /** One frame; the data is cut at the snap length, the original length is kept. */
    void frame(int iface, long timestampMicros, byte[] frame) throws IOException {
        int captured = Math.min(frame.length, snaplen);
        int padded = (captured + 3) & ~3;
        ByteBuffer b = body(20 + padded);
        b.putInt(iface).putInt((int) (timestampMicros >>> 32)).putInt((int) timestampMicros);
        b.putInt(captured).putInt(frame.length).put(frame, 0, captured);
        block(6, b);
    }

    private static ByteBuffer body(int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void block(int type, ByteBuffer body) throws IOException {
        int total = 12 + body.capacity();
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(total).put(body.array()).putInt(total);
        out.write(b.array());
    }

    // ---------------------------------------------------------------- frames

    static byte[] mac(int... bytes) {
        byte[] m = new byte[6];
        for (int i = 0; i < 6; i++) {
            m[i] = (byte) bytes[i];
        }
        return m;
    }

    static byte[] ethernet(byte[] dst, byte[] src, int etherType, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(dst);
        b.writeBytes(src);
        b.write(etherType >> 8);
        b.write(etherType);
        b.writeBytes(payload);
        return b.toByteArray();
    }

    /** Linux cooked v1: the packet type tells the direction (0 to us, 4 outgoing). */
    static byte[] sll(int packetType, byte[] src, int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length);
        b.putShort((short) packetType).putShort((short) 1).putShort((short) 6).put(src).putShort((short) 0);
        b.putShort((short) etherType).put(payload);
        return b.array();
    }

    /** IPv4 with a correct header checksum unless {@code badChecksum}; total length as given. */
    static byte[] ipv4(int src, int dst, int protocol, byte[] l4, boolean badChecksum) {
        ByteBuffer b = ByteBuffer.allocate(20 + l4.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length)).putShort((short) 0x1234)
                .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0)
                .putInt(src).putInt(dst);
        int sum = 0;
        byte[] a = b.array();
        for (int i = 0; i < 20; i += 2) {
            sum += ((a[i] & 0xff) << 8) | (a[i + 1] & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        b.putShort(10, (short) (badChecksum ? ~sum + 1 : ~sum));
        b.position(20);
        b.put(l4);
        return a;
    }

    static byte[] ipv6(int nextHeader, byte[] l4) {
        ByteBuffer b = ByteBuffer.allocate(40 + l4.length);
        b.putInt(0x60000000).putShort((short) l4.length).put((byte) nextHeader).put((byte) 64);
        b.putLong(0xfd00000000000000L).putLong(1).putLong(0xfd00000000000000L).putLong(2);
        b.put(l4);
        return b.array();
    }

    static byte[] tcp(int payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload);
        b.putShort((short) 443).putShort((short) 51000).putInt(1).putInt(1).put((byte) 0x50).put((byte) 0x18);
        return b.array();
    }

    static byte[] udp(int payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload);
        b.putShort((short) 53).putShort((short) 40000).putShort((short) (8 + payload));
        return b.array();
    }

    static byte[] icmp(int payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload);
        b.put((byte) 8);
        return b.array();
    }

    static byte[] arp() {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
        return b.array();
    }
}
