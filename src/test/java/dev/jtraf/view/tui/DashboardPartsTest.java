package dev.jtraf.view.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.jtraf.decode.Frame;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.InterfaceStats;
import dev.jtraf.stats.InterfaceTable;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.stats.Snapshots;
import dev.jtraf.view.Units;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's pure parts: formats, sparklines, themes, row order and filter, retirement, keys. */
class DashboardPartsTest {
    private static final long T0 = 1_700_000_000L;

    @Test
    void countsStayExactWhileTheyFitAndShortenWithSiSuffixes() {
        assertEquals("12345678", CellFormat.count(12_345_678, 8));
        assertEquals("123M", CellFormat.count(123_456_789, 8));
        assertEquals("1.23G", CellFormat.count(1_234_567_890, 8));
        assertEquals("0", CellFormat.count(0, 1));
    }

    @Test
    void fixedUnitsLeaveTheirLabelToTheHeader() {
        assertEquals("12.3 Mbit/s", CellFormat.rate(12.3e6 / 8, Units.AUTO));
        assertEquals("12300", CellFormat.rate(12.3e6 / 8, Units.KBITS));
        assertEquals("0:01:05", CellFormat.elapsed(65_000_000_000L));
        assertEquals("0.5x", CellFormat.speed(0.5));
        assertEquals("max", CellFormat.speed(0));
    }

    @Test
    void sparklineCoversTheLastMinuteScaledToItsMaximum() {
        InterfaceTable table = new InterfaceTable();
        InterfaceStats s = table.put(new InterfaceStats("eth0", 1, false, new IfaceCounters(Long.MIN_VALUE, 5)), 0);
        Frame f = frame(100);
        for (int sec = 0; sec < 60; sec++) {
            for (int i = 0; i <= sec / 8; i++) {
                s.counters().record(f, (T0 + sec) * 1_000_000_000L);
            }
        }
        long[] ring = new long[IfaceCounters.RING_LONGS];
        s.counters().readInto(new long[IfaceCounters.COUNTERS], ring);
        Theme theme = Theme.of(true, true);
        String line = Sparkline.of(ring, IfaceCounters.SLOT_BYTES, T0 + 60, 60, theme);
        assertEquals(60, line.length());
        assertEquals('\u2588', line.charAt(59));
        assertEquals('\u2581', line.charAt(0));
        assertEquals(15, Sparkline.of(ring, IfaceCounters.SLOT_BYTES, T0 + 60, 15, theme).strip().length());
        assertEquals(" ".repeat(12), Sparkline.of(null, IfaceCounters.SLOT_BYTES, T0 + 60, 12, theme));
        assertEquals(0, Sparkline.level(0, 10));
        assertEquals(1, Sparkline.level(1, 1000));
    }

    @Test
    void environmentChoosesColourAndGlyphs() {
        assertTrue(Theme.detect(Map.of("TERM", "xterm-256color", "LANG", "C.UTF-8")).unicode());
        assertTrue(Theme.detect(Map.of("TERM", "xterm-256color")).colour());
        assertFalse(Theme.detect(Map.of("TERM", "dumb")).colour());
        assertFalse(Theme.detect(Map.of("TERM", "vt100")).colour());
        assertFalse(Theme.detect(Map.of()).colour());
        assertFalse(Theme.detect(Map.of("TERM", "xterm", "NO_COLOR", "1")).colour());
        assertTrue(Theme.detect(Map.of("TERM", "xterm", "NO_COLOR", "")).colour());
        assertFalse(Theme.detect(Map.of("TERM", "xterm", "LANG", "C")).unicode());
        assertFalse(Theme.detect(Map.of("TERM", "xterm", "LC_ALL", "en_US.ISO-8859-1", "LANG", "C.UTF-8")).unicode());
        assertTrue(Theme.detect(Map.of("TERM", "xterm", "LC_CTYPE", "de_DE.utf8")).unicode());
    }

    @Test
    void capturedDropsAreRedInColourAndReverseInMonochrome() throws IOException {
        Snapshot snap = snapshotOf(T0 + 10, "eth0");
        Snapshot dropped = new Snapshot(snap.timeNanos(), snap.completeBeforeSecond(), snap.interfaces(), snap.total(),
                17, snap.framesCounted());
        RunStatus st = new RunStatus("live", false, false, null, false, 1, T0 * 1_000_000_000L, null);
        for (boolean colour : new boolean[] {true, false}) {
            DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(100, 24));
            TerminalScreen screen = new TerminalScreen(vt);
            screen.startScreen();
            UiState ui = new UiState();
            Renderer.prepare(ui, dropped, vt.getTerminalSize());
            new Renderer(Theme.of(colour, true), ZoneOffset.UTC).draw(dropped, st, ui, screen.newTextGraphics(),
                    vt.getTerminalSize());
            screen.refresh();
            String status = ScreenFixture.text(vt).lines().toList().get(22);
            int at = status.indexOf("Capture drops 17");
            assertTrue(at > 0, status);
            TextCharacter c = vt.getCharacter(at, 22);
            if (colour) {
                assertEquals(TextColor.ANSI.RED, c.getBackgroundColor());
            } else {
                assertTrue(c.getModifiers().contains(SGR.REVERSE));
                assertEquals(TextColor.ANSI.DEFAULT, c.getBackgroundColor());
            }
        }
    }

    @Test
    void statusLineShowsTheHostTotalWhereThereIsOne() {
        Snapshot snap = snapshotOf(T0 + 10, "docker0", "veth1");
        IfaceSnapshot host = snap.interfaces().get(1);
        Snapshot live = new Snapshot(snap.timeNanos(), snap.completeBeforeSecond(), snap.interfaces(), snap.total(),
                0, snap.framesCounted(), host);
        RunStatus st = new RunStatus("live", false, false, null, false, 1, T0 * 1_000_000_000L, null);
        String screen = ScreenFixture.render(live, st, new UiState(), new TerminalSize(100, 24), Theme.of(true, true));
        assertTrue(screen.contains("\u2502 Host " + Units.AUTO.format(host.bytesPerSecond()) + ", "), screen);
        String replay = ScreenFixture.render(snap, st, new UiState(), new TerminalSize(100, 24), Theme.of(true, true));
        assertTrue(replay.contains("\u2502 Total " + Units.AUTO.format(snap.total().bytesPerSecond())), replay);
        assertTrue(replay.contains("\u2502 2 interfaces \u2502"), replay);
        String one = ScreenFixture.render(snapshotOf(T0 + 10, "eth0"), st, new UiState(), new TerminalSize(100, 24),
                Theme.of(true, true));
        assertTrue(one.contains("\u2502 1 interface \u2502"), one); // was "1 interfaces"
    }

    @Test
    void aLongInterfaceNameInTheDetailTitleLeavesTheClockAndStateInView() {
        // was: "Detailed interface statistics: \\Device\\NPF_{08CBC0D0-…}   15:30:3", ENDED cut off
        String name = "\\Device\\NPF_{08CBC0D0-1A2B-4C5D-8E9F-00112233445566778899}";
        Snapshot snap = snapshotOf(T0 + 10, name);
        RunStatus st = new RunStatus("replay: x.pcapng", true, true, null, false, 1, T0 * 1_000_000_000L, null);
        UiState ui = new UiState();
        ui.select(snap.interfaces(), 0);
        ui.show(UiState.View.DETAIL);
        String title = ScreenFixture.render(snap, st, ui, new TerminalSize(80, 24), Theme.of(true, true)).lines()
                .findFirst().orElse("");
        assertTrue(title.contains("Detailed interface statistics: \\Device") && title.stripTrailing().endsWith("ENDED"),
                title);
    }

    @Test
    void rowsSortInPlaceAndFilterBySubstringOrGlob() {
        Snapshot snap = snapshotOf(T0 + 10, "veth2", "eth0", "docker0", "veth10");
        UiState ui = new UiState();
        assertEquals(List.of("docker0", "eth0", "veth2", "veth10"), names(Rows.visible(snap, ui)));
        ui.filter("VETH");
        assertEquals(List.of("veth2", "veth10"), names(Rows.visible(snap, ui)));
        ui.filter("veth?");
        assertEquals(List.of("veth2"), names(Rows.visible(snap, ui)));
        ui.filter("*0");
        assertEquals(List.of("docker0", "eth0", "veth10"), names(Rows.visible(snap, ui)));
    }

    /** Names sort with their numbers in numeric order (TUI audit: tdum12, tdum120 ... tdum7). */
    @Test
    void namesSortWithTheirNumbersInNumericOrder() {
        List<String> names = new java.util.ArrayList<>(List.of("tdum12", "tdum7", "tdum120", "eth1", "eth0", "tdum007",
                "tdum", "br-5e1f0c2a9d3b", "br-5e1f0c2a9d3a", "veth9c84d21", "veth10ab", "a99999999999999999999b", "a1b"));
        names.sort(Rows::natural);
        assertEquals(List.of("a1b", "a99999999999999999999b", "br-5e1f0c2a9d3a", "br-5e1f0c2a9d3b", "eth0", "eth1", "tdum",
                "tdum007", "tdum7", "tdum12", "tdum120", "veth9c84d21", "veth10ab"), names);
        for (String a : names) {
            for (String b : names) {
                assertEquals(Integer.signum(Rows.natural(a, b)), -Integer.signum(Rows.natural(b, a)), a + " / " + b);
                assertEquals(a.equals(b), Rows.natural(a, b) == 0, a + " / " + b);
            }
        }
    }

    /** A replay has no Docker view: its Docker screen offers no keys for containers. */
    @Test
    void aReplaysDockerScreenOffersNoContainerKeys() {
        RunStatus st = new RunStatus("replay: x.pcapng", true, false, null, false, 1, T0 * 1_000_000_000L, null);
        UiState ui = new UiState();
        ui.show(UiState.View.DOCKER);
        List<String> labels = Chrome.keysFor(ui, st, Theme.of(true, true)).stream().map(Chrome.Key::label).toList();
        assertTrue(labels.contains("Back"), labels.toString());
        assertFalse(labels.contains("Container") || labels.contains("Detail"), labels.toString());
    }

    @Test
    void goneInterfacesAreMarkedThenRetiredAMinuteLater() {
        InterfaceTable table = new InterfaceTable();
        InterfaceStats a = table.put(new InterfaceStats("veth1", 1, false, new IfaceCounters(Long.MIN_VALUE, 5)), 0);
        table.put(new InterfaceStats("veth2", 2, false, new IfaceCounters(Long.MIN_VALUE, 5)), 0);
        for (InterfaceStats s : table.all()) {
            s.counters().record(frame(60), T0 * 1_000_000_000L);
        }
        Snapshots snapshots = new Snapshots(table, 5);
        UiState ui = new UiState();
        Snapshot before = snapshots.take((T0 + 5) * 1_000_000_000L, T0 + 5, 0, 2, true);
        ui.observe(before);
        table.retireKey(a.key(), (T0 + 6) * 1_000_000_000L);
        Snapshot gone = snapshots.take((T0 + 7) * 1_000_000_000L, T0 + 7, 0, 2, true);
        ui.observe(gone);
        assertTrue(Rows.visible(gone, ui).get(0).gone());
        Snapshot later = snapshots.take((T0 + 66) * 1_000_000_000L, T0 + 66, 0, 2, true);
        ui.observe(later);
        assertEquals(2, Rows.visible(later, ui).size(), "still on screen 59 s after it went");
        Snapshot retired = snapshots.take((T0 + 67) * 1_000_000_000L, T0 + 67, 0, 2, true);
        ui.observe(retired);
        assertEquals(List.of("veth2"), names(Rows.visible(retired, ui)));
        assertEquals(1, Rows.shown(retired, ui));
    }

    @Test
    void selectionFollowsItsInterfaceWhenTheOrderChanges() {
        Snapshot snap = snapshotOf(T0 + 10, "a", "b", "c");
        UiState ui = new UiState();
        ui.select(Rows.visible(snap, ui), 2);
        ui.sort(UiState.Sort.RATE);
        ui.sync(Rows.visible(snap, ui), 10);
        assertEquals("c", Rows.visible(snap, ui).get(ui.selectedIndex()).name());
    }

    @Test
    void speedKeysWalkALadderUpToAsFastAsPossible() {
        assertEquals(2, KeyHandler.faster(1));
        assertEquals(4, KeyHandler.faster(3));
        assertEquals(0, KeyHandler.faster(64));
        assertEquals(0, KeyHandler.faster(0));
        assertEquals(0.5, KeyHandler.slower(1));
        assertEquals(64, KeyHandler.slower(0));
        assertEquals(0.125, KeyHandler.slower(0.125));
    }

    private static Frame frame(int length) {
        Frame f = new Frame();
        f.wireLength = length;
        f.netClass = Frame.CLASS_IPV4;
        f.transport = Frame.PROTO_UDP;
        f.linkCast = Frame.NONE;
        f.direction = Frame.DIR_UNKNOWN;
        return f;
    }

    /** Interfaces with 1, 2, 3 ... frames (so their totals and rates differ). */
    private static Snapshot snapshotOf(long second, String... names) {
        InterfaceTable table = new InterfaceTable();
        for (int i = 0; i < names.length; i++) {
            InterfaceStats s = table.put(new InterfaceStats(names[i], i + 1, false,
                    new IfaceCounters(Long.MIN_VALUE, 5)), 0);
            for (int n = 0; n <= i; n++) {
                s.counters().record(frame(100), (second - 2) * 1_000_000_000L);
            }
        }
        return new Snapshots(table, 5).take(second * 1_000_000_000L, second, 0, 0, true);
    }

    private static List<String> names(List<IfaceSnapshot> rows) {
        return rows.stream().map(IfaceSnapshot::name).toList();
    }
}
