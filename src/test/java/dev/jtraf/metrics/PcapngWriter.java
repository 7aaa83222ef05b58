package dev.jtraf.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small little-endian pcapng files for tests: one section, interfaces with a name and
 * nanosecond timestamps ({@code if_tsresol} 9), enhanced packet blocks. Written from the
 * pcapng specification, independently of jtraf's reader.
 */
public final class PcapngWriter {
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int interfaces;

    public PcapngWriter() {
        ByteBuffer shb = block(0x0A0D0D0A, 16);
        shb.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        finish(shb);
    }

    /** Declares an interface; returns its id in this section. */
    public int addInterface(int linkType, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int namePadded = (n.length + 3) & ~3;
        ByteBuffer idb = block(1, 8 + 4 + namePadded + 4 + 4 + 4);
        idb.putShort((short) linkType).putShort((short) 0).putInt(262144);
        idb.putShort((short) 2).putShort((short) n.length).put(n).put(new byte[namePadded - n.length]);
        idb.putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]); // if_tsresol: ns
        idb.putShort((short) 0).putShort((short) 0); // opt_endofopt
        finish(idb);
        return interfaces++;
    }

    /** Adds a frame of which the first {@code captured} bytes of {@code data} were kept. */
    public PcapngWriter packet(int interfaceId, long timestampNanos, byte[] data, int captured, int originalLength) {
        int padded = (captured + 3) & ~3;
        ByteBuffer epb = block(6, 20 + padded);
        epb.putInt(interfaceId).putInt((int) (timestampNanos >>> 32)).putInt((int) timestampNanos);
        epb.putInt(captured).putInt(originalLength).put(data, 0, captured).put(new byte[padded - captured]);
        finish(epb);
        return this;
    }

    /** Adds a whole frame. */
    public PcapngWriter packet(int interfaceId, long timestampNanos, byte[] data) {
        return packet(interfaceId, timestampNanos, data, data.length, data.length);
    }

    public Path writeTo(Path file) throws IOException {
        Files.write(file, out.toByteArray());
        return file;
    }

    private static ByteBuffer block(int type, int bodyLength) {
        ByteBuffer b = ByteBuffer.allocate(12 + bodyLength).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(12 + bodyLength);
        return b;
    }

    private void finish(ByteBuffer b) {
        b.putInt(b.capacity());
        if (b.position() != b.capacity()) {
            throw new IllegalStateException("block length mismatch: " + b.position() + " != " + b.capacity());
        }
        out.writeBytes(b.array());
    }
}
