package dev.jtraf.stats;

import java.util.List;

/**
 * What every view draws: all interfaces at one moment of the source's clock.
 *
 * @param timeNanos           the moment (epoch ns, source clock)
 * @param completeBeforeSecond rates average the complete seconds before this one
 * @param interfaces          one entry per interface, in the table's order
 * @param total               the sum over {@code interfaces} (rates summed too)
 * @param captureDrops        frames the kernel dropped before jtraf read them (whole capture)
 * @param framesCounted       frames counted since start
 * @param host                the host total counted once ({@link HostTotal}: each frame where it
 *                            entered), or null where interface roles are unknown (replay)
 */
public record Snapshot(long timeNanos, long completeBeforeSecond, List<IfaceSnapshot> interfaces,
        IfaceSnapshot total, long captureDrops, long framesCounted, IfaceSnapshot host) {

    /** A snapshot without a host total. */
    public Snapshot(long timeNanos, long completeBeforeSecond, List<IfaceSnapshot> interfaces, IfaceSnapshot total,
            long captureDrops, long framesCounted) {
        this(timeNanos, completeBeforeSecond, interfaces, total, captureDrops, framesCounted, null);
    }
}
