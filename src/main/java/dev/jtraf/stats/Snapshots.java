package dev.jtraf.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes {@link Snapshot}s of an {@link InterfaceTable}. Reader side only: copies counters with
 * the seqlock read, computes rates from the history, never blocks the writer.
 */
public final class Snapshots {
    private final InterfaceTable table;
    private final int window;
    private final InterfaceLabels roles;

    /**
     * @param window the Activity averaging window N in seconds
     */
    public Snapshots(InterfaceTable table, int window) {
        this(table, window, null);
    }

    /**
     * @param window the Activity averaging window N in seconds
     * @param roles  the {@link LinkRole} of each interface, for the host total; null for none
     *               (the snapshots then have no host total)
     */
    public Snapshots(InterfaceTable table, int window, InterfaceLabels roles) {
        this.table = table;
        this.window = window;
        this.roles = roles;
    }

    /**
     * @param timeNanos            the moment to stamp the snapshot with
     * @param completeBeforeSecond seconds before this one are complete (rates use them)
     * @param captureDrops         the source's drop count
     * @param framesCounted        frames counted so far
     * @param withHistory          also copy the per-second rings (sparklines)
     */
    public Snapshot take(long timeNanos, long completeBeforeSecond, long captureDrops, long framesCounted,
            boolean withHistory) {
        List<InterfaceStats> all = table.all();
        List<IfaceSnapshot> out = new ArrayList<>(all.size());
        long[] sum = new long[IfaceCounters.COUNTERS];
        double bps = 0;
        double pps = 0;
        double inBps = 0;
        double outBps = 0;
        // in/out of the total only where every row knows its direction (semantics: unknown is
        // never guessed, and a sum over some rows would pass for the whole)
        boolean allDirection = true;
        long[] ring = new long[IfaceCounters.RING_LONGS];
        HostTotal host = roles == null ? null : new HostTotal();
        for (InterfaceStats s : all) {
            long[] c = new long[IfaceCounters.COUNTERS];
            long first = s.counters().readInto(c, ring);
            if (s.isGone() && c[IfaceCounters.index(IfaceCounters.TOTAL, 0, 0)] == 0) {
                continue; // appeared and vanished without a frame (a veth on its way into a container)
            }
            double b = Rates.average(ring, IfaceCounters.SLOT_BYTES, completeBeforeSecond, first, window);
            double p = Rates.average(ring, IfaceCounters.SLOT_PACKETS, completeBeforeSecond, first, window);
            double ib = Rates.average(ring, IfaceCounters.SLOT_IN_BYTES, completeBeforeSecond, first, window);
            double ob = Rates.average(ring, IfaceCounters.SLOT_OUT_BYTES, completeBeforeSecond, first, window);
            double peakB = Math.max(b, Double.longBitsToDouble(c[IfaceCounters.PEAK_BYTES_PER_SECOND]));
            double peakP = Math.max(p, Double.longBitsToDouble(c[IfaceCounters.PEAK_PACKETS_PER_SECOND]));
            out.add(new IfaceSnapshot(s.name(), s.key(), s.isGone(), s.directionKnown(), c,
                    withHistory ? ring.clone() : null, b, p, ib, ob, peakB, peakP));
            if (host != null) {
                LinkRole role = roles.labelOf(s.name(), s.key()).role();
                host.add(c, role, b, p, ib, ob,
                        Rates.average(ring, IfaceCounters.SLOT_IN_PACKETS, completeBeforeSecond, first, window),
                        Rates.average(ring, IfaceCounters.SLOT_OUT_PACKETS, completeBeforeSecond, first, window));
                IfaceCounters own = s.ownOut();
                if (role == LinkRole.BRIDGE_PORT && own != null) {
                    long[] oc = new long[IfaceCounters.COUNTERS];
                    long ownFirst = own.readInto(oc, ring); // ring already copied into this row's snapshot
                    host.addOwnOut(oc,
                            Rates.average(ring, IfaceCounters.SLOT_OUT_BYTES, completeBeforeSecond, ownFirst, window),
                            Rates.average(ring, IfaceCounters.SLOT_OUT_PACKETS, completeBeforeSecond, ownFirst, window));
                }
            }
            for (int i = 0; i < IfaceCounters.PEAK_BYTES_PER_SECOND; i++) {
                sum[i] += c[i];
            }
            bps += b;
            pps += p;
            inBps += ib;
            outBps += ob;
            allDirection &= s.directionKnown();
        }
        IfaceSnapshot total = new IfaceSnapshot("total", -1, false, allDirection && !out.isEmpty(), sum, null,
                bps, pps, inBps, outBps, 0, 0);
        return new Snapshot(timeNanos, completeBeforeSecond, List.copyOf(out), total, captureDrops, framesCounted,
                host == null ? null : host.snapshot());
    }
}
