package dev.jtraf.capture;

import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.InterfaceStats;
import dev.jtraf.stats.InterfaceTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the table in step with the host's interfaces: adds those that are up and pass the
 * filter, marks vanished ones gone (keeping their counts), and names the ifindex of a frame
 * that arrives before the next scan.
 *
 * <p>{@link #scan} runs on the discovery thread every half second; {@link #resolve} on the
 * capture thread on a table miss. Both mutate the table only through its lock. A scan reads
 * the interfaces' attributes only when {@link SysfsChanges} says something changed, or when
 * {@code resolve} added to the table since (a row it named {@code ifN} must still be retired).
 */
public final class LiveInterfaces implements InterfaceResolver {
    private final InterfaceTable table;
    private final InterfaceFilter filter;
    private final SysfsInterfaces sysfs;
    private final SysfsChanges changes;
    private final int window;
    private boolean resolved;

    public LiveInterfaces(InterfaceTable table, InterfaceFilter filter, SysfsInterfaces sysfs, int windowSeconds) {
        this.table = table;
        this.filter = filter;
        this.sysfs = sysfs;
        this.changes = new SysfsChanges(sysfs);
        this.window = windowSeconds;
    }

    @Override
    public void declared(int interfaceId, String name, int linkType) {
        // live frames name their ifindex; nothing is declared
    }

    /** Brings the table up to date with sysfs. Discovery thread (and once at start). */
    public synchronized void scan(long nowNanos) {
        boolean changed = changes.look(); // first: a change while reading below shows next time
        if (!changed && !resolved) {
            return;
        }
        resolved = false;
        List<SysfsInterfaces.Entry> present = sysfs.list();
        changes.downAfterRead(present);
        Map<Integer, SysfsInterfaces.Entry> byIndex = new HashMap<>();
        for (SysfsInterfaces.Entry e : present) {
            byIndex.put(e.ifindex(), e);
            InterfaceStats known = table.lookup(e.ifindex());
            if (known != null && known != InterfaceTable.IGNORED && known.name().equals(e.name())) {
                continue;
            }
            if (known == InterfaceTable.IGNORED && !(e.up() && filter.accepts(e.name()))) {
                continue;
            }
            if (e.up() && filter.accepts(e.name())) {
                add(e.ifindex(), e.name(), nowNanos);
            } else if (known != null && known != InterfaceTable.IGNORED) {
                table.retireKey(e.ifindex(), nowNanos); // renamed to something we do not count
            }
        }
        Set<Integer> unreadable = null;
        for (InterfaceStats s : table.all()) {
            if (s.isGone()) {
                continue;
            }
            SysfsInterfaces.Entry now = byIndex.get(s.key());
            if (now == null && s.name().equals(InterfaceResolver.unnamed(s.key()))) {
                unreadable = unreadable == null ? sysfs.unreadableIfindexes() : unreadable;
                if (unreadable.contains(s.key())) {
                    // an interface whose name this locale cannot read (resolve named it by its
                    // ifindex): retired, its next frame would make a new row every scan
                    continue;
                }
            }
            if (now == null || !now.name().equals(s.name())) {
                if (table.lookup(s.key()) == s) {
                    table.retireKey(s.key(), nowNanos);
                } else {
                    s.markGone(nowNanos);
                }
            }
        }
    }

    @Override
    public synchronized InterfaceStats resolve(int key, int linkType, long timestampNanos) {
        InterfaceStats known = table.lookup(key);
        if (known != null) {
            return known;
        }
        SysfsInterfaces.Entry e = sysfs.byIndex(key);
        String name = e != null ? e.name() : InterfaceResolver.unnamed(key);
        resolved = true;
        if (!filter.accepts(name)) {
            table.ignore(key);
            return InterfaceTable.IGNORED;
        }
        return add(key, name, timestampNanos);
    }

    private InterfaceStats add(int ifindex, String name, long nowNanos) {
        long second = Math.floorDiv(nowNanos, 1_000_000_000L);
        // A bridge port also counts its own transmissions apart, for the host total. Docker
        // attaches a veth to its bridge before setting it up, so this is known when it is added.
        long portMac = sysfs.bridgePortMac(name);
        IfaceCounters own = portMac < 0 ? null : new IfaceCounters(second, window);
        return table.put(new InterfaceStats(name, ifindex, true, new IfaceCounters(second, window), portMac, own),
                nowNanos);
    }
}
