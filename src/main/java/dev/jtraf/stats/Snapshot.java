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
 */
public record Snapshot(long timeNanos, long completeBeforeSecond, List<IfaceSnapshot> interfaces,
        IfaceSnapshot total, long captureDrops, long framesCounted) {
}
