package dev.jtraf.stats;

/**
 * Accumulates the host total counted once: every frame at the one place it entered the set of
 * interfaces (native-notes/docker.md argues the rule). Per interface, by {@link LinkRole}:
 * <pre>
 *   BRIDGE_PORT   in         a container's veth: what the container sent
 *                 + own out  what the host stack itself sent on the port (source MAC = the
 *                            port's own; IPv6 link-local chatter of a host-side veth)
 *   BRIDGE        out only   what the host stack sent into the bridge
 *   OTHER         in + out   host NIC, lo (jtraf counts a loopback frame once, as in), tunnels
 * </pre>
 * The total's "in" is the sum of the in sides counted, its "out" the sum of the out sides, so
 * in + out = all holds for it as for any interface. Bad-IP and truncated frames are not split
 * by direction and are left out (the host row shows them as unknown). Reader side; one
 * instance per snapshot, not thread-safe.
 */
public final class HostTotal {
    /** Name and {@code scope} of the host total row. */
    public static final String NAME = "host";

    private final long[] sum = new long[IfaceCounters.COUNTERS];
    private double bytesPerSecond;
    private double packetsPerSecond;
    private double inBytesPerSecond;
    private double outBytesPerSecond;

    /**
     * Adds one interface.
     *
     * @param c                 its counters ({@link IfaceCounters} layout)
     * @param role              its role
     * @param bytesPerSecond    its Activity, both directions
     * @param packetsPerSecond  its frame rate, both directions
     * @param inBytesPerSecond  in side
     * @param outBytesPerSecond out side
     * @param inPacketsPerSecond  in side
     * @param outPacketsPerSecond out side
     */
    public void add(long[] c, LinkRole role, double bytesPerSecond, double packetsPerSecond, double inBytesPerSecond,
            double outBytesPerSecond, double inPacketsPerSecond, double outPacketsPerSecond) {
        boolean in = role != LinkRole.BRIDGE;
        boolean out = role != LinkRole.BRIDGE_PORT;
        for (int category = 0; category < IfaceCounters.CATEGORIES; category++) {
            for (int metric = 0; metric < 2; metric++) {
                int all = IfaceCounters.index(category, IfaceCounters.ALL, metric);
                int i = IfaceCounters.index(category, IfaceCounters.IN, metric);
                int o = IfaceCounters.index(category, IfaceCounters.OUT, metric);
                if (in && out) {
                    // both sides, and frames of unknown direction (none live) with them
                    sum[all] += c[all];
                    sum[i] += c[i];
                    sum[o] += c[o];
                } else if (in) {
                    sum[all] += c[i];
                    sum[i] += c[i];
                } else {
                    sum[all] += c[o];
                    sum[o] += c[o];
                }
            }
        }
        if (in && out) {
            this.bytesPerSecond += bytesPerSecond;
            this.packetsPerSecond += packetsPerSecond;
            this.inBytesPerSecond += inBytesPerSecond;
            this.outBytesPerSecond += outBytesPerSecond;
        } else if (in) {
            this.bytesPerSecond += inBytesPerSecond;
            this.packetsPerSecond += inPacketsPerSecond;
            this.inBytesPerSecond += inBytesPerSecond;
        } else {
            this.bytesPerSecond += outBytesPerSecond;
            this.packetsPerSecond += outPacketsPerSecond;
            this.outBytesPerSecond += outBytesPerSecond;
        }
    }

    /**
     * Adds a bridge port's own transmissions ({@code InterfaceStats#ownOut}): their out side.
     *
     * @param c                   the own-out counters
     * @param outBytesPerSecond   their Activity
     * @param outPacketsPerSecond their frame rate
     */
    public void addOwnOut(long[] c, double outBytesPerSecond, double outPacketsPerSecond) {
        for (int category = 0; category < IfaceCounters.CATEGORIES; category++) {
            for (int metric = 0; metric < 2; metric++) {
                int o = IfaceCounters.index(category, IfaceCounters.OUT, metric);
                sum[IfaceCounters.index(category, IfaceCounters.ALL, metric)] += c[o];
                sum[o] += c[o];
            }
        }
        this.bytesPerSecond += outBytesPerSecond;
        this.packetsPerSecond += outPacketsPerSecond;
        this.outBytesPerSecond += outBytesPerSecond;
    }

    /** Adds the counts of interfaces no longer listed ({@link InterfaceTable.Retired#hostCounts()}). */
    public void addRetired(long[] hostCounts) {
        for (int i = 0; i < IfaceCounters.PEAK_BYTES_PER_SECOND; i++) {
            sum[i] += hostCounts[i];
        }
    }

    /** What has been added so far ({@link IfaceCounters} layout). */
    long[] counts() {
        return sum.clone();
    }

    /** The total as a snapshot row named {@value #NAME}; bad-IP and truncated are -1 (unknown). */
    public IfaceSnapshot snapshot() {
        long[] c = sum.clone();
        c[IfaceCounters.BADIP] = -1;
        c[IfaceCounters.TRUNCATED] = -1;
        return new IfaceSnapshot(NAME, -1, false, true, c, null, bytesPerSecond, packetsPerSecond, inBytesPerSecond,
                outBytesPerSecond, 0, 0);
    }
}
