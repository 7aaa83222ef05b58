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
        InterfaceTable.Contents contents = table.contents();
        List<InterfaceStats> all = contents.all();
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
            if (s.isGone() && c[IfaceCounters.index(IfaceCounters.TOTAL, 0, 0)] == 0 && wasBrief(s, first)) {
                continue; // appeared and vanished without a frame (a veth on its way into a container)
            }
            double b = Rates.average(ring, IfaceCounters.SLOT_BYTES, completeBeforeSecond, first, window);
            double p = Rates.average(ring, IfaceCounters.SLOT_PACKETS, completeBeforeSecond, first, window);
            double ib = Rates.average(ring, IfaceCounters.SLOT_IN_BYTES, completeBeforeSecond, first, window);
            double ob = Rates.average(ring, IfaceCounters.SLOT_OUT_BYTES, completeBeforeSecond, first, window);
            // The writer takes a window into the peak when it leaves the window's newest second
            // (IfaceCounters#updatePeaks). The second it is in now it has not left, and on a link
            // that went quiet it never will: the windows that hold that second are taken here.
            long newest = Rates.newestBefore(ring, completeBeforeSecond);
            double peakB = Math.max(b, Double.longBitsToDouble(c[IfaceCounters.PEAK_BYTES_PER_SECOND]));
            double peakP = Math.max(p, Double.longBitsToDouble(c[IfaceCounters.PEAK_PACKETS_PER_SECOND]));
            if (newest != Long.MIN_VALUE) {
                peakB = Math.max(peakB, Rates.highestAverage(ring, IfaceCounters.SLOT_BYTES, newest + 2 - window,
                        newest + 1, first, window));
                peakP = Math.max(peakP, Rates.highestAverage(ring, IfaceCounters.SLOT_PACKETS, newest + 2 - window,
                        newest + 1, first, window));
            }
            out.add(new IfaceSnapshot(s.name(), s.key(), s.isGone(), s.directionKnown(), c,
                    withHistory ? ring.clone() : null, b, p, ib, ob, peakB, peakP));
            if (host != null) {
                addToHost(host, s, c, ring, completeBeforeSecond, first, b, p, ib, ob);
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
        InterfaceTable.Retired retired = contents.retired(); // interfaces gone long ago: their counts only
        for (int i = 0; i < IfaceCounters.PEAK_BYTES_PER_SECOND; i++) {
            sum[i] += retired.counts()[i];
        }
        if (host != null) {
            host.addRetired(retired.hostCounts());
        }
        boolean totalDirection = allDirection && retired.directionKnown() && (!out.isEmpty() || retired.interfaces() > 0);
        IfaceSnapshot total = new IfaceSnapshot("total", -1, false, totalDirection, sum, null,
                bps, pps, inBps, outBps, 0, 0);
        return new Snapshot(timeNanos, completeBeforeSecond, List.copyOf(out), total, captureDrops, framesCounted,
                host == null ? null : host.snapshot());
    }

    /**
     * Whether a gone interface was there for less than {@value #BRIEF_SECONDS} s: the container
     * end of a new veth pair is, before Docker moves it into the container. One that was there
     * longer (a silent container's veth, stopped) keeps its gone row, as one with frames does.
     */
    private static boolean wasBrief(InterfaceStats s, long firstSecond) {
        return firstSecond == Long.MIN_VALUE
                || Math.floorDiv(s.goneAtNanos(), 1_000_000_000L) - firstSecond < BRIEF_SECONDS;
    }

    private static final long BRIEF_SECONDS = 5;

    /** Adds one interface (and a bridge port's own transmissions) to the host total, by its role. */
    private void addToHost(HostTotal host, InterfaceStats s, long[] c, long[] ring, long completeBeforeSecond, long first,
            double b, double p, double ib, double ob) {
        LinkRole role = roleOf(s);
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

    /**
     * The interface's role for the host total. A bridge port is known as one from when it was
     * added (it then counts its own transmissions apart, {@link InterfaceStats#ownOut}), before
     * the labels say so (the Docker watcher publishes up to a second later): it is taken for one
     * meanwhile, so that the host total does not count its out side for that second and then drop it.
     */
    private LinkRole roleOf(InterfaceStats s) {
        LinkRole role = roles.labelOf(s.name(), s.key()).role();
        return role == LinkRole.OTHER && s.ownOut() != null ? LinkRole.BRIDGE_PORT : role;
    }

    /**
     * Forgets interfaces gone before {@code goneBeforeNanos}: each leaves the table's list, and
     * its counts stay in the totals (the total, and the host total by the role it has now). The
     * list, and with it every snapshot's cost and the memory of a long live run, then stays in
     * proportion to the interfaces of the last minutes, not to every veth that ever came and
     * went. Live only, on the discovery thread; the views stopped showing such interfaces after
     * a minute.
     */
    public void forgetGone(long goneBeforeNanos) {
        for (InterfaceStats s : table.all()) {
            if (!s.isGone() || s.goneAtNanos() >= goneBeforeNanos) {
                continue;
            }
            long[] c = new long[IfaceCounters.COUNTERS];
            long[] ring = new long[IfaceCounters.RING_LONGS];
            long first = s.counters().readInto(c, ring);
            HostTotal h = new HostTotal();
            if (roles != null) { // only its counts are kept: its rates are 0 by now, gone for longer than any window
                addToHost(h, s, c, ring, Math.floorDiv(goneBeforeNanos, 1_000_000_000L), first, 0, 0, 0, 0);
            }
            table.fold(s, c, h.counts());
        }
    }
}
