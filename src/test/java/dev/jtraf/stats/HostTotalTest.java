package dev.jtraf.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtraf.capture.FileInterfaces;
import dev.jtraf.capture.FrameCounter;
import dev.jtraf.capture.InterfaceFilter;
import dev.jtraf.decode.LinkType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The host total counts each interface by its role (native-notes/docker.md). */
class HostTotalTest {
    private static long[] counters(long inPackets, long inBytes, long outPackets, long outBytes) {
        long[] c = new long[IfaceCounters.COUNTERS];
        for (int cat : new int[] {IfaceCounters.TOTAL, IfaceCounters.IPV4}) {
            c[IfaceCounters.index(cat, IfaceCounters.IN, IfaceCounters.PACKETS)] = inPackets;
            c[IfaceCounters.index(cat, IfaceCounters.IN, IfaceCounters.BYTES)] = inBytes;
            c[IfaceCounters.index(cat, IfaceCounters.OUT, IfaceCounters.PACKETS)] = outPackets;
            c[IfaceCounters.index(cat, IfaceCounters.OUT, IfaceCounters.BYTES)] = outBytes;
            c[IfaceCounters.index(cat, IfaceCounters.ALL, IfaceCounters.PACKETS)] = inPackets + outPackets;
            c[IfaceCounters.index(cat, IfaceCounters.ALL, IfaceCounters.BYTES)] = inBytes + outBytes;
        }
        c[IfaceCounters.BADIP] = 1;
        return c;
    }

    /** An ARP-sized LINUX_SLL2 record: ifindex, packet type (0 host, 4 outgoing), source MAC. */
    private static byte[] sll2(int ifindex, int pkttype, long sourceMac) {
        byte[] b = new byte[20 + 28];
        b[0] = 0x08;
        b[1] = 0x06; // ARP
        b[7] = (byte) ifindex;
        b[9] = 1; // ARPHRD_ETHER
        b[10] = (byte) pkttype;
        b[11] = 6;
        for (int i = 0; i < 6; i++) {
            b[12 + i] = (byte) (sourceMac >>> (40 - 8 * i));
        }
        return b;
    }

    /**
     * The whole path: the decoder's source MAC, the port's own-out counters on the capture
     * thread, the host row in the snapshot. A container's frames enter its veth (port 9) and
     * reach the host through the bridge (3); the host answers through the bridge, which forwards
     * out of the port; and the host sends IPv6 chatter on the port itself.
     */
    @Test
    void aPortsOwnTransmissionsCountButWhatTheBridgeForwardsThroughItDoesNot() {
        long containerMac = 0x0242ac110002L;
        long bridgeMac = 0x0242017535_6eL;
        long portMac = 0x623a10b98c1bL;
        InterfaceTable table = new InterfaceTable();
        long t = 1_700_000_000_000_000_000L;
        table.put(new InterfaceStats("veth1", 9, true, new IfaceCounters(0, 5), portMac, new IfaceCounters(0, 5)), t);
        table.put(new InterfaceStats("docker0", 3, true, new IfaceCounters(0, 5)), t);
        FrameCounter counter = new FrameCounter(table, new FileInterfaces(table, InterfaceFilter.all(), 5), 1, null, 0,
                null);
        int[][] frames = { // ifindex, pkttype, which source, how many
            {9, 0, 0, 3}, // the container sends: veth in
            {3, 0, 0, 3}, // the same frames passed up to the host: bridge in
            {3, 4, 1, 2}, // the host answers: bridge out
            {9, 4, 1, 2}, // the same answers forwarded to the container: veth out, bridge's MAC
            {9, 4, 2, 4}, // the host's own chatter on the veth: veth out, the veth's MAC
        };
        long[] macs = {containerMac, bridgeMac, portMac};
        for (int[] f : frames) {
            byte[] b = sll2(f[0], f[1], macs[f[2]]);
            for (int i = 0; i < f[3]; i++) {
                counter.frame(0, LinkType.LINUX_SLL2, b, 0, b.length, b.length, t += 1000);
            }
        }
        Map<String, LinkRole> roles = Map.of("veth1", LinkRole.BRIDGE_PORT, "docker0", LinkRole.BRIDGE);
        Snapshot s = new Snapshots(table, 5, (name, key) -> InterfaceLabel.of(roles.get(name)))
                .take(t, 0, 0, counter.frames(), false);
        assertEquals(14, s.total().packets(IfaceCounters.TOTAL), "every crossing");
        assertEquals(3 + 2 + 4, s.host().packets(IfaceCounters.TOTAL), "every frame once");
        assertEquals(3, s.host().get(IfaceCounters.TOTAL, IfaceCounters.IN, IfaceCounters.PACKETS));
        assertEquals((3 + 2 + 4) * (28 + 14), s.host().get(IfaceCounters.TOTAL, IfaceCounters.ALL, IfaceCounters.BYTES));
        assertEquals(null, new Snapshots(table, 5).take(t, 0, 0, 0, false).host(), "no roles, no host total");
    }

    @Test
    void portsCountTheirInAndOwnOutBridgesTheirOutOthersBoth() {
        HostTotal h = new HostTotal();
        h.add(counters(3, 300, 5, 500), LinkRole.BRIDGE_PORT, 800, 8, 300, 500, 3, 5);
        h.addOwnOut(counters(0, 0, 2, 180), 180, 2);
        h.add(counters(2, 172, 4, 400), LinkRole.BRIDGE, 572, 6, 172, 400, 2, 4);
        h.add(counters(1, 100, 1, 60), LinkRole.OTHER, 160, 2, 100, 60, 1, 1);
        IfaceSnapshot s = h.snapshot();
        assertEquals("host", s.name());
        assertEquals(3 + 2 + 4 + 2, s.packets(IfaceCounters.TOTAL));
        assertEquals(300 + 180 + 400 + 160, s.get(IfaceCounters.TOTAL, IfaceCounters.ALL, IfaceCounters.BYTES));
        assertEquals(3 + 1, s.get(IfaceCounters.TOTAL, IfaceCounters.IN, IfaceCounters.PACKETS));
        assertEquals(300 + 100, s.get(IfaceCounters.TOTAL, IfaceCounters.IN, IfaceCounters.BYTES));
        assertEquals(2 + 4 + 1, s.get(IfaceCounters.TOTAL, IfaceCounters.OUT, IfaceCounters.PACKETS));
        assertEquals(180 + 400 + 60, s.get(IfaceCounters.TOTAL, IfaceCounters.OUT, IfaceCounters.BYTES));
        assertEquals(s.packets(IfaceCounters.TOTAL), s.packets(IfaceCounters.IPV4), "categories follow the same rule");
        assertEquals(-1, s.badIp(), "not split by direction: unknown");
        assertEquals(300 + 180 + 400 + 160, s.bytesPerSecond(), 1e-9);
        assertEquals(3 + 2 + 4 + 2, s.packetsPerSecond(), 1e-9);
        assertEquals(400, s.inBytesPerSecond(), 1e-9);
        assertEquals(640, s.outBytesPerSecond(), 1e-9);
    }
}
