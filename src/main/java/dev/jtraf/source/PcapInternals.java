package dev.jtraf.source;

import com.sun.jna.Pointer;
import java.lang.reflect.Field;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.pcap4j.core.PcapHandle;

/**
 * What jtraf reaches below pcap4j, in one place: the libpcap library pcap4j loaded (for JNA
 * function lookups) and two private fields of {@link PcapHandle}, its {@code pcap_t} pointer and
 * its handle lock. Used by {@link NativeBatch} and {@link SnapFilter}.
 */
final class PcapInternals {
    /** The library name pcap4j loads libpcap by (jtraf's LogSetup points it at the versioned file). */
    static final String LIBRARY = System.getProperty("org.pcap4j.core.pcapLibName", "pcap");
    /** Null when both fields were found as expected, else why not (computed once). */
    static final String PROBLEM;
    private static final Field HANDLE;
    private static final Field LOCK;

    static {
        String why = null;
        Field handle = null;
        Field lock = null;
        try {
            handle = PcapHandle.class.getDeclaredField("handle");
            handle.setAccessible(true);
            lock = PcapHandle.class.getDeclaredField("handleLock");
            lock.setAccessible(true);
            if (handle.getType() != Pointer.class || lock.getType() != ReentrantReadWriteLock.class) {
                why = "this pcap4j's PcapHandle has unexpected private fields";
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            why = "cannot reach pcap4j's PcapHandle fields: " + e;
        }
        PROBLEM = why;
        HANDLE = why == null ? handle : null;
        LOCK = why == null ? lock : null;
    }

    private PcapInternals() {
    }

    /** The handle's {@code pcap_t}, or null once it is closed. Only when {@link #PROBLEM} is null. */
    static Pointer pcapT(PcapHandle h) throws IllegalAccessException {
        return (Pointer) HANDLE.get(h);
    }

    /** The read side of the handle's lock, which pcap4j holds while it uses the {@code pcap_t}. Only when {@link #PROBLEM} is null. */
    static Lock readLock(PcapHandle h) throws IllegalAccessException {
        return ((ReentrantReadWriteLock) LOCK.get(h)).readLock();
    }
}
