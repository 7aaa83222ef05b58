package dev.jtraf.source;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes pcap and pcapng files for tests, field by field as the formats define them
 * (tcpdump.org/manpages/pcap-savefile.5.html, IETF draft-ietf-opsawg-pcapng).
 */
public final class CaptureFiles {
    private CaptureFiles() {
    }

    /** {@code length} bytes counting up from {@code first}: a frame whose ends are easy to check. */
    public static byte[] data(int length, int first) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    /** Bytes in one byte order. */
    static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private ByteOrder order;

        Out(ByteOrder order) {
            this.order = order;
        }

        Out order(ByteOrder o) {
            order = o;
            return this;
        }

        Out u8(int v) {
            bytes.write(v);
            return this;
        }

        Out u16(int v) {
            return put(ByteBuffer.allocate(2).order(order).putShort((short) v).array());
        }

        Out u32(long v) {
            return put(ByteBuffer.allocate(4).order(order).putInt((int) v).array());
        }

        Out u64(long v) {
            return put(ByteBuffer.allocate(8).order(order).putLong(v).array());
        }

        Out put(byte[] b) {
            bytes.writeBytes(b);
            return this;
        }

        Out pad4() {
            while (bytes.size() % 4 != 0) {
                bytes.write(0);
            }
            return this;
        }

        int size() {
            return bytes.size();
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    /** A classic pcap file; {@code modified} writes the 24-byte record headers of magic 0xa1b2cd34. */
    public static final class Pcap {
        private final Out out;
        private final boolean modified;

        public Pcap(ByteOrder order, int magic, int linkType) {
            out = new Out(order);
            modified = magic == 0xA1B2CD34;
            out.u32(magic).u16(2).u16(4).u32(0).u32(0).u32(262144).u32(linkType);
        }

        /** A record; {@code fraction} is in micro- or nanoseconds as the magic says. */
        public Pcap record(long seconds, long fraction, byte[] captured, int originalLength) {
            return recordHeader(seconds, fraction, captured.length, originalLength).raw(captured);
        }

        /** Only a record header, claiming {@code capturedLength} bytes: data or damage follow by {@link #raw}. */
        public Pcap recordHeader(long seconds, long fraction, long capturedLength, int originalLength) {
            out.u32(seconds).u32(fraction).u32(capturedLength).u32(originalLength);
            if (modified) {
                out.u32(2).u16(0x0800).u8(0).u8(0); // ifindex, protocol, packet type, padding
            }
            return this;
        }

        public Pcap raw(byte[] bytes) {
            out.put(bytes);
            return this;
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A pcapng file, block by block; {@link #section} starts a section in a byte order. */
    public static final class Pcapng {
        private final Out out = new Out(ByteOrder.LITTLE_ENDIAN);
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        public Pcapng section(ByteOrder byteOrder) {
            order = byteOrder;
            out.order(byteOrder);
            return block(0x0A0D0D0A, new Out(order).u32(0x1A2B3C4D).u16(1).u16(0).u64(-1L));
        }

        /**
         * An Interface Description Block.
         *
         * @param tsresol the if_tsresol option byte, or -1 for none (microseconds)
         */
        public Pcapng interfaceBlock(int linkType, String name, int tsresol) {
            return interfaceBlock(linkType, name, tsresol, -1);
        }

        /** An Interface Description Block with an if_fcslen option byte ({@code fcslen}, in bits; -1 for none). */
        public Pcapng interfaceBlock(int linkType, String name, int tsresol, int fcslen) {
            Out body = new Out(order).u16(linkType).u16(0).u32(0);
            if (name != null) {
                byte[] n = name.getBytes(StandardCharsets.UTF_8);
                body.u16(2).u16(n.length).put(n).pad4();
            }
            if (tsresol >= 0) {
                body.u16(9).u16(1).u8(tsresol).pad4();
            }
            if (fcslen >= 0) {
                body.u16(13).u16(1).u8(fcslen).pad4();
            }
            body.u16(0).u16(0);
            return block(1, body);
        }

        /** An Enhanced Packet Block; {@code units} is the timestamp in the interface's resolution. */
        public Pcapng enhancedPacket(int interfaceId, long units, byte[] captured, int originalLength) {
            return block(6, new Out(order).u32(interfaceId).u32(units >>> 32).u32(units).u32(captured.length)
                    .u32(originalLength).put(captured).pad4());
        }

        /** An obsolete Packet Block (type 2), as old Wireshark versions wrote. */
        public Pcapng packet(int interfaceId, long units, byte[] captured, int originalLength) {
            return block(2, new Out(order).u16(interfaceId).u16(0).u32(units >>> 32).u32(units).u32(captured.length)
                    .u32(originalLength).put(captured).pad4());
        }

        /** A Simple Packet Block: interface 0 of the section, no timestamp. */
        public Pcapng simplePacket(byte[] captured, int originalLength) {
            return block(3, new Out(order).u32(originalLength).put(captured).pad4());
        }

        private Pcapng block(int type, Out body) {
            int total = 12 + body.size();
            out.u32(type).u32(total).put(body.toByteArray()).u32(total);
            return this;
        }

        /** Bytes written so far: the offset of the next block. */
        public int size() {
            return out.size();
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }
}
