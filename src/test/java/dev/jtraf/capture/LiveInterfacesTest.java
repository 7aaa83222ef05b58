package dev.jtraf.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.decode.LinkType;
import dev.jtraf.stats.InterfaceStats;
import dev.jtraf.stats.InterfaceTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The discovery scan on a fake {@code /sys/class/net}: every change it must act on shows
 * within one scan although a scan reads the interfaces only when {@link SysfsChanges} says
 * something changed, and a scan without a change reads nothing.
 */
class LiveInterfacesTest {
    @TempDir
    Path dir;
    private Path sys;
    private InterfaceTable table;
    private LiveInterfaces live;
    private long now;

    @BeforeEach
    void layOut() throws IOException {
        sys = Files.createDirectories(dir.resolve("sys/class/net"));
        link(sys.resolve("lo"), 1, true);
        link(sys.resolve("eth0"), 2, true);
        link(sys.resolve("ifb0"), 3, false);
        table = new InterfaceTable();
        live = new LiveInterfaces(table, InterfaceFilter.all(), new SysfsInterfaces(sys), 5);
        scan();
    }

    @Test
    void countsWhatIsUpAndNothingElse() {
        assertEquals(List.of("lo", "eth0"), names(false));
    }

    @Test
    void aNewInterfaceIsAddedAndADeletedOneMarkedGone() throws IOException {
        link(sys.resolve("veth1"), 7, true);
        scan();
        assertEquals(List.of("lo", "eth0", "veth1"), names(false));
        InterfaceStats veth1 = table.lookup(7);
        deleteTree(sys.resolve("veth1"));
        scan();
        assertTrue(veth1.isGone());
        assertEquals(null, table.lookup(7));
        assertEquals(List.of("veth1"), names(true), "its counts stay, marked gone");
    }

    @Test
    void aDownInterfaceIsAddedAtTheScanAfterItCameUp() throws IOException {
        scan();
        assertEquals(null, table.lookup(3));
        Files.writeString(sys.resolve("ifb0/flags"), "0x83\n"); // only the flags change
        scan();
        assertEquals("ifb0", table.lookup(3).name());
    }

    @Test
    void anInterfaceListedBeforeItsAttributesExistIsAddedOnceTheyDo() throws IOException {
        Files.createDirectories(sys.resolve("veth2")); // the kernel's directory, no files yet
        scan();
        assertEquals(null, table.lookup(8));
        scan();
        Files.writeString(sys.resolve("veth2/ifindex"), "8\n");
        Files.writeString(sys.resolve("veth2/flags"), "0x1003\n");
        scan();
        assertEquals("veth2", table.lookup(8).name(), "no other change needed to read it again");
    }

    @Test
    void anInterfaceReCreatedUnderItsNameBetweenTwoScansIsTwoRows() throws IOException {
        link(sys.resolve("veth1"), 7, true);
        scan();
        InterfaceStats first = table.lookup(7);
        // same name, new ifindex, nothing else differs; the new directory is made before the
        // old one goes so that the file system cannot hand out the same inode number again
        Path fresh = dir.resolve("fresh");
        link(fresh, 8, true);
        Path old = dir.resolve("old");
        Files.move(sys.resolve("veth1"), old);
        Files.move(fresh, sys.resolve("veth1"));
        deleteTree(old);
        scan();
        assertTrue(first.isGone());
        assertEquals("veth1", table.lookup(8).name());
        assertFalse(table.lookup(8).isGone());
    }

    @Test
    void aRenamedInterfaceIsANewRowAndTheOldNameGone() throws IOException {
        link(sys.resolve("veth1"), 7, true);
        scan();
        InterfaceStats before = table.lookup(7);
        Files.move(sys.resolve("veth1"), sys.resolve("eth1"));
        scan();
        assertTrue(before.isGone());
        assertEquals("eth1", table.lookup(7).name());
    }

    @Test
    void aFrameOnAnUnknownIfindexIsNamedAndItsRowRetiredAtTheNextScan() {
        InterfaceStats unknown = live.resolve(42, LinkType.LINUX_SLL2, now);
        assertEquals("if42", unknown.name());
        assertSame(unknown, table.lookup(42));
        scan(); // sysfs did not change, but the table did
        assertTrue(unknown.isGone());
        assertEquals(null, table.lookup(42));
    }

    @Test
    void onlyAnInterfaceWhoseNameCannotBeReadKeepsItsIfindexRow() throws Exception {
        // an entry named with bytes that are not UTF-8 (nor ASCII): no locale gives its name back
        new ProcessBuilder("sh", "-c", "d=\"$0/$(printf '\\377\\376x')\"; mkdir \"$d\" && echo 8 > \"$d/ifindex\""
                + " && echo 0x1003 > \"$d/flags\"", sys.toString()).inheritIO().start().waitFor();
        scan();
        assertEquals(List.of("lo", "eth0"), names(false), "left out of the listing");
        InterfaceStats unreadable = live.resolve(8, LinkType.LINUX_SLL2, now);
        InterfaceStats phantom = live.resolve(42, LinkType.LINUX_SLL2, now); // a frame of a deleted interface
        assertEquals("if8", unreadable.name());
        scan();
        assertFalse(unreadable.isGone(), "interface 8 exists: one row while it does (was: a new one every scan)");
        assertTrue(phantom.isGone(), "no interface 42: retired as before (review: was kept as long as any name was unreadable)");
        new ProcessBuilder("sh", "-c", "rm -r \"$0/$(printf '\\377\\376x')\"", sys.toString()).inheritIO().start().waitFor();
        scan();
        assertTrue(unreadable.isGone(), "gone with its entry");
    }

    @Test
    void aScanWithoutAChangeReadsNoAttribute() throws IOException {
        // an attribute that changes unseen (the look reads only the flags of down interfaces)
        Files.writeString(sys.resolve("eth0/ifindex"), "99\n");
        scan();
        assertEquals("eth0", table.lookup(2).name(), "not re-read: nothing told the scan to");
        link(sys.resolve("veth1"), 7, true);
        scan();
        assertEquals("eth0", table.lookup(99).name(), "read again once something changed");
    }

    // ------------------------------------------------------------------------------------------

    private void scan() {
        now += 500_000_000L;
        live.scan(now);
    }

    private List<String> names(boolean gone) {
        return table.all().stream().filter(s -> s.isGone() == gone).map(InterfaceStats::name).toList();
    }

    private static void link(Path d, int ifindex, boolean up) throws IOException {
        Files.createDirectories(d);
        Files.writeString(d.resolve("ifindex"), ifindex + "\n");
        Files.writeString(d.resolve("flags"), (up ? "0x1003" : "0x1002") + "\n");
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
