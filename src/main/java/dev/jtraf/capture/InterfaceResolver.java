package dev.jtraf.capture;

import dev.jtraf.stats.InterfaceStats;

/**
 * Names and registers interfaces the packet path meets for the first time. Called on the
 * capture thread, only on a table miss.
 */
public interface InterfaceResolver {
    /** A capture file declared an interface (see {@code FrameSink#interfaceDeclared}). */
    void declared(int interfaceId, String name, int linkType);

    /**
     * Registers the interface under {@code key} (an ifindex for LINUX_SLL2 frames, else the
     * file's interface id) and returns it, or {@code InterfaceTable.IGNORED} if it is not to be
     * counted.
     */
    InterfaceStats resolve(int key, int linkType, long timestampNanos);
}
