package dev.jtraf.capture;

import dev.jtraf.decode.LinkType;
import dev.jtraf.source.SourceException;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.InterfaceStats;
import dev.jtraf.stats.InterfaceTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Interfaces of a replayed capture file: one per declared interface (key: its id); for the
 * frames of a LINUX_SLL2 interface (tcpdump -i any) one per ifindex (key {@code ~ifindex}),
 * named {@code if<N>} because the file does not record interface names. A declared interface
 * gets its row when it is declared, silent or not, as live every interface that is up has one
 * and as capinfos lists it; not a LINUX_SLL2 interface, which gets a row only if some of its
 * frames name no ifindex, nor one of a link type jtraf does not decode (its frames are not
 * counted, and the end of the replay says so: a row of zeros would say it had none). At most
 * {@value #MAX_DECLARED_ROWS} rows are made for declarations (a damaged or fuzzed file may
 * declare hundreds of thousands of interfaces, and each row costs kilobytes); beyond them an
 * interface gets its row at its first frame, as before.
 */
public final class FileInterfaces implements InterfaceResolver {
    /** Rows made for declared interfaces before any frame of theirs (see the class comment). */
    static final int MAX_DECLARED_ROWS = 1024;

    private final InterfaceTable table;
    private final InterfaceFilter filter;
    private final int window;
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, Integer> linkTypes = new HashMap<>();
    /** Every interface name the file declared or its frames named, for {@link #afterEnd}. */
    private final Set<String> seen = new TreeSet<>();
    private int declaredRows;

    public FileInterfaces(InterfaceTable table, InterfaceFilter filter, int windowSeconds) {
        this.table = table;
        this.filter = filter;
        this.window = windowSeconds;
    }

    @Override
    public void declared(int interfaceId, String name, int linkType) {
        names.put(interfaceId, name);
        linkTypes.put(interfaceId, linkType);
        if (linkType != LinkType.LINUX_SLL2) {
            seen.add(name); // an SLL2 interface ("any") is not a name to select: its frames are if<N>
            if (LinkType.isSupported(linkType) && table.lookup(interfaceId) == null
                    && declaredRows < MAX_DECLARED_ROWS) {
                declaredRows++;
                register(interfaceId, name, linkType, Long.MIN_VALUE);
            }
        }
    }

    @Override
    public InterfaceStats resolve(int key, int linkType, long timestampNanos) {
        String name = key < 0 ? InterfaceResolver.unnamed(~key)
                : names.getOrDefault(key, InterfaceResolver.unnamed(key));
        seen.add(name);
        return register(key, name, linkType, timestampNanos);
    }

    private InterfaceStats register(int key, String name, int linkType, long nowNanos) {
        if (!filter.accepts(name)) {
            table.ignore(key);
            return InterfaceTable.IGNORED;
        }
        boolean direction = LinkType.carriesDirection(linkType);
        return table.put(new InterfaceStats(name, key, direction, new IfaceCounters(Long.MIN_VALUE, window)),
                nowNanos);
    }

    @Override
    public SourceException afterEnd() {
        List<String> missing = filter.literalIncludesMatchingNone(seen);
        return missing.isEmpty() ? null : new SourceException(SourceException.Kind.NO_SUCH_INTERFACE, "-i "
                + missing.get(0) + ": the capture file has no interface of that name; it has: "
                + (seen.isEmpty() ? "none" : String.join(", ", seen)));
    }
}
