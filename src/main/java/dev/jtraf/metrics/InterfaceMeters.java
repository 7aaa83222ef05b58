package dev.jtraf.metrics;

import static dev.jtraf.stats.IfaceCounters.ALL;
import static dev.jtraf.stats.IfaceCounters.BROADCAST;
import static dev.jtraf.stats.IfaceCounters.BYTES;
import static dev.jtraf.stats.IfaceCounters.ICMP;
import static dev.jtraf.stats.IfaceCounters.IN;
import static dev.jtraf.stats.IfaceCounters.IPV4;
import static dev.jtraf.stats.IfaceCounters.IPV6;
import static dev.jtraf.stats.IfaceCounters.MULTICAST;
import static dev.jtraf.stats.IfaceCounters.NONIP;
import static dev.jtraf.stats.IfaceCounters.OTHER_IP;
import static dev.jtraf.stats.IfaceCounters.OUT;
import static dev.jtraf.stats.IfaceCounters.PACKETS;
import static dev.jtraf.stats.IfaceCounters.TCP;
import static dev.jtraf.stats.IfaceCounters.TOTAL;
import static dev.jtraf.stats.IfaceCounters.UDP;

import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.InterfaceStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one interface, bound to one {@link InterfaceStats}: function counters and
 * gauges whose functions read the {@link IfaceSnapshot} that {@link TrafficMeters#sync} last
 * handed over. Nothing is counted here; the packet path never sees these objects.
 *
 * <p>Thread-safety: created, updated and removed by {@link TrafficMeters} under its lock; the
 * registry may call the functions from any thread and reads {@link #snapshot} through a
 * volatile field. This object is the meters' state and {@link TrafficMeters} holds it strongly
 * (function counters keep their state only weakly).
 *
 * <p>Direction: where the source tells in from out, {@code direction="in"} and {@code "out"};
 * where it cannot, one {@code direction="unknown"} series. Frames of a direction-aware source
 * that still carry no direction (a cooked header cut short) appear as {@code "unknown"} from
 * the first scrape that sees one, so the sum over {@code direction} is always the total.
 */
final class InterfaceMeters {
    private static final String[] CLASS_TAGS = {"ipv4", "ipv6", "nonip"};
    private static final int[] CLASSES = {IPV4, IPV6, NONIP};
    private static final String[] PROTO_TAGS = {"tcp", "udp", "icmp", "other"};
    private static final int[] PROTOS = {TCP, UDP, ICMP, OTHER_IP};

    private final InterfaceStats stats;
    private final InterfaceTags tags;
    private final boolean directionKnown;
    private final Tags base;
    private final List<Meter> meters = new ArrayList<>(28);
    private volatile IfaceSnapshot snapshot;
    private boolean unknownDirectionRegistered;

    private InterfaceMeters(InterfaceStats stats, IfaceSnapshot first, InterfaceTags tags) {
        this.stats = stats;
        this.tags = tags;
        this.directionKnown = first.directionKnown();
        this.snapshot = first;
        this.base = Tags.of("iface", first.name(), "container", tags.container(), "network", tags.network());
    }

    /**
     * Registers the meters of {@code stats}; the registry must hold none of this interface's
     * series (remove the previous ones first, or the registry hands back the old meters).
     */
    static InterfaceMeters register(MeterRegistry registry, InterfaceStats stats, IfaceSnapshot first,
            InterfaceTags tags) {
        InterfaceMeters m = new InterfaceMeters(stats, first, tags);
        m.registerAll(registry);
        return m;
    }

    private void registerAll(MeterRegistry registry) {
        if (directionKnown) {
            directional(registry, "in", IN);
            directional(registry, "out", OUT);
        } else {
            directional(registry, "unknown", ALL);
            unknownDirectionRegistered = true;
        }
        for (int i = 0; i < CLASSES.length; i++) {
            int category = CLASSES[i];
            counter(registry, "jtraf.interface.class.packets", "packets", "Frames of a network class (outermost header)",
                    Tags.of("class", CLASS_TAGS[i]), m -> m.value(category, ALL, PACKETS));
            counter(registry, "jtraf.interface.class.bytes", "bytes", "Bytes of frames of a network class",
                    Tags.of("class", CLASS_TAGS[i]), m -> m.value(category, ALL, BYTES));
        }
        for (int i = 0; i < PROTOS.length; i++) {
            int category = PROTOS[i];
            counter(registry, "jtraf.interface.protocol.packets", "packets",
                    "Frames by transport inside valid IP (icmp: ICMPv4 and ICMPv6; other: the rest and non-first fragments)",
                    Tags.of("proto", PROTO_TAGS[i]), m -> m.value(category, ALL, PACKETS));
            counter(registry, "jtraf.interface.protocol.bytes", "bytes", "Bytes of frames by transport inside valid IP",
                    Tags.of("proto", PROTO_TAGS[i]), m -> m.value(category, ALL, BYTES));
        }
        counter(registry, "jtraf.interface.badip.packets", "packets",
                "IPv4/IPv6 frames with an invalid network header (a subset of the ipv4 and ipv6 classes)", Tags.empty(),
                m -> m.snapshot.badIp());
        counter(registry, "jtraf.interface.truncated.packets", "packets",
                "Frames whose headers the snap length cut off before they could be decoded", Tags.empty(),
                m -> m.snapshot.truncated());
        counter(registry, "jtraf.interface.broadcast.packets", "packets", "Frames to the broadcast MAC address",
                Tags.empty(), m -> m.value(BROADCAST, ALL, PACKETS));
        counter(registry, "jtraf.interface.multicast.packets", "packets",
                "Frames to a multicast MAC address (broadcast excluded)", Tags.empty(),
                m -> m.value(MULTICAST, ALL, PACKETS));
        gauge(registry, "jtraf.interface.activity", "bytes_per_second",
                "Activity: bytes per second averaged over the last complete seconds of the --window (packet time)",
                m -> m.snapshot.bytesPerSecond());
        gauge(registry, "jtraf.interface.rate", "packets_per_second",
                "Frames per second averaged over the last complete seconds of the --window (packet time)",
                m -> m.snapshot.packetsPerSecond());
        gauge(registry, "jtraf.interface.up", null,
                "1 while the interface exists, 0 once it is gone (its series are removed a minute later)",
                m -> m.snapshot.gone() ? 0 : 1);
    }

    private void directional(MeterRegistry registry, String direction, int dir) {
        ToDoubleFunction<InterfaceMeters> packets;
        ToDoubleFunction<InterfaceMeters> bytes;
        if (dir == ALL) {
            // direction-aware: only the frames that carried none; otherwise all of them
            packets = directionKnown ? m -> m.undirected(PACKETS) : m -> m.value(TOTAL, ALL, PACKETS);
            bytes = directionKnown ? m -> m.undirected(BYTES) : m -> m.value(TOTAL, ALL, BYTES);
        } else {
            packets = m -> m.value(TOTAL, dir, PACKETS);
            bytes = m -> m.value(TOTAL, dir, BYTES);
        }
        Tags d = Tags.of("direction", direction);
        counter(registry, "jtraf.interface.packets", "packets",
                "Frames counted on the interface; in = received (rx), out = transmitted (tx), unknown where the source"
                        + " cannot tell", d, packets);
        counter(registry, "jtraf.interface.bytes", "bytes",
                "Bytes of the frames counted on the interface: original length, link header included, FCS excluded", d,
                bytes);
    }

    private void counter(MeterRegistry registry, String name, String unit, String help, Tags extra,
            ToDoubleFunction<InterfaceMeters> f) {
        meters.add(FunctionCounter.builder(name, this, f).baseUnit(unit).description(help).tags(base.and(extra))
                .register(registry));
    }

    private void gauge(MeterRegistry registry, String name, String unit, String help,
            ToDoubleFunction<InterfaceMeters> f) {
        Gauge.Builder<InterfaceMeters> b = Gauge.builder(name, this, f).description(help).tags(base).strongReference(true);
        if (unit != null) {
            b.baseUnit(unit);
        }
        meters.add(b.register(registry));
    }

    private double value(int category, int direction, int metric) {
        return snapshot.get(category, direction, metric);
    }

    private double undirected(int metric) {
        IfaceSnapshot s = snapshot;
        return s.get(TOTAL, ALL, metric) - s.get(TOTAL, IN, metric) - s.get(TOTAL, OUT, metric);
    }

    /**
     * Hands over this scrape's values; registers the {@code direction="unknown"} series of a
     * direction-aware interface once it has frames without a direction. Under the owner's lock.
     */
    void update(MeterRegistry registry, IfaceSnapshot s) {
        snapshot = s;
        if (!unknownDirectionRegistered && s.get(TOTAL, ALL, PACKETS) != s.get(TOTAL, IN, PACKETS)
                + s.get(TOTAL, OUT, PACKETS)) {
            directional(registry, "unknown", ALL);
            unknownDirectionRegistered = true;
        }
    }

    /** Removes every series of this interface from {@code registry}. Under the owner's lock. */
    void remove(MeterRegistry registry) {
        for (Meter m : meters) {
            registry.remove(m);
        }
        meters.clear();
    }

    InterfaceStats stats() {
        return stats;
    }

    InterfaceTags tags() {
        return tags;
    }
}
