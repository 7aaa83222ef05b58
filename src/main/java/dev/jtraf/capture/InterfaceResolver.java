package dev.jtraf.capture;

import dev.jtraf.source.SourceException;
import dev.jtraf.stats.InterfaceStats;

/**
 * Names and registers interfaces the packet path meets for the first time. Called on the
 * capture thread, only on a table miss.
 */
public interface InterfaceResolver {
    /** A capture file declared an interface (see {@code FrameSink#interfaceDeclared}). */
    void declared(int interfaceId, String name, int linkType);

    /**
     * Registers the interface under {@code key} (an ifindex live; in a file the interface id,
     * or {@code ~ifindex} for a LINUX_SLL2 frame that names one, see {@code FrameCounter#frame})
     * and returns it, or {@code InterfaceTable.IGNORED} if it is not to be counted.
     */
    InterfaceStats resolve(int key, int linkType, long timestampNanos);

    /**
     * The name of an interface known only by its key: a LINUX_SLL2 frame's ifindex, an
     * interface a file never declared, an ifindex whose sysfs entry cannot be found or read.
     */
    static String unnamed(int key) {
        return "if" + key;
    }

    /**
     * Once a capture file has been read to its end: why the selection missed, or null. A
     * literal {@code -i} name that the file does not have is the user's mistake, told as one.
     */
    default SourceException afterEnd() {
        return null;
    }
}
