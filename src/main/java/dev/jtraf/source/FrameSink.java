package dev.jtraf.source;

/**
 * Where a {@link PacketSource} delivers frames, on the source's own thread.
 *
 * <p>Implementations must not keep {@code buf} beyond the call: sources reuse it.
 */
public interface FrameSink {
    /**
     * An interface recorded in a capture file: one for a classic pcap, one per Interface
     * Description Block in a pcapng. Live sources do not declare interfaces: their frames carry
     * an ifindex in a LINUX_SLL2 header instead.
     *
     * @param interfaceId dense id of the interface within the source, from 0
     * @param name        its name (the pcapng {@code if_name}, or one made from the file name)
     * @param linkType    its pcap link type
     */
    void interfaceDeclared(int interfaceId, String name, int linkType);

    /**
     * One frame.
     *
     * @param interfaceId    as declared; a LINUX_SLL2 frame is counted by the ifindex it names, if any
     * @param linkType       the frame's pcap link type
     * @param buf            bytes, valid only during the call
     * @param off            offset of the frame in {@code buf}
     * @param capturedLength bytes captured
     * @param originalLength the frame's original length as recorded
     * @param timestampNanos epoch nanoseconds
     */
    void frame(int interfaceId, int linkType, byte[] buf, int off, int capturedLength, int originalLength,
            long timestampNanos);
}
