package dev.jtraf.view.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.jtraf.docker.DockerView;
import dev.jtraf.docker.DockerViewFixture;
import dev.jtraf.docker.HostLink;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.LinkRole;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.view.Units;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard on a Docker host: the demo recording drawn as if live, with a hand-built
 * {@link DockerView} ({@link DockerViewFixture}) naming its veths and bridges. Whole screens
 * against golden files, as {@link ScreenGoldenTest}.
 */
class DockerScreensTest {
    private static final TerminalSize MIN = new TerminalSize(80, 24);
    private static final TerminalSize WIDE = new TerminalSize(140, 32);
    private static final Theme COLOUR = Theme.of(true, true);
    private static final String NO_SOCKET = "cannot reach Docker at /var/run/docker.sock (no such socket; is Docker"
            + " installed and running?)";

    private static Path dir;
    private static Path capture;
    private static ScreenFixture running;
    private static Snapshot snap;
    private static DockerView docker;

    @BeforeAll
    static void replay() throws IOException {
        dir = Files.createTempDirectory("jtraf-docker-golden");
        capture = dir.resolve("demo.pcapng");
        DemoCapture.write(capture, 30);
        running = new ScreenFixture(capture);
        snap = running.snapshot(false, 0);
        docker = DockerViewFixture.demo(keys(), null);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Files.deleteIfExists(capture);
        Files.deleteIfExists(dir);
    }

    private static RunStatus live(DockerView d) {
        return new RunStatus("live", false, false, null, false, 1, running.firstFrameNanos(), null, d);
    }

    private static String render(UiState ui, DockerView d, TerminalSize size) {
        return ScreenFixture.render(snap, live(d), ui, size, COLOUR);
    }

    private static UiState on(UiState.View view) {
        UiState ui = new UiState();
        ui.show(view);
        return ui;
    }

    @Test
    void dockerScreenShowsTheNetworkTreeAndThePacketPathAtTheMinimumSize() {
        Goldens.assertMatches("docker-80x24", render(on(UiState.View.DOCKER), docker, MIN));
    }

    @Test
    void dockerScreenOnAWideTerminalFollowsTheSelectedContainer() {
        UiState ui = on(UiState.View.DOCKER);
        ui.dockerMove(1);
        String screen = render(ui, docker, WIDE);
        Goldens.assertMatches("docker-140x32-cache", screen);
        assertTrue(screen.contains("Packet path to cache"), screen);
    }

    /**
     * The Docker screen lists network cards as the host's NICs, not every interface that is
     * neither a bridge nor a veth (TUI audit: a namespace's veth named avA, a dummy, were "host
     * NICs", and the packet path started at one).
     */
    @Test
    void onlyNetworkCardsAndTheirBondsAreHostNics() {
        // eth0 here is a veth of a namespace (no sysfs device), counted; ens3 the network card
        DockerView d = DockerViewFixture.demo(keys(), null, links -> {
            List<HostLink> l = new ArrayList<>();
            for (HostLink h : links) {
                l.add(h.name().equals("eth0") ? new HostLink("eth0", h.ifindex(), h.iflink(), h.role(), null, false) : h);
            }
            l.add(new HostLink("ens3", 201, 201, LinkRole.OTHER, null, true));
            return l;
        });
        String s = render(on(UiState.View.DOCKER), d, WIDE);
        assertTrue(s.contains(" ens3  host NIC"), s);
        assertFalse(s.contains("eth0  host NIC"), s);
        assertTrue(s.contains("ens3            docker0"), "the packet path starts at the card:\n" + s);
    }

    /**
     * With more tree rows than fit, the selected container's row is on the screen, above the
     * "(N more rows)" line (TUI audit: with a few NICs above the bridges, the selected veth was
     * the row that line covered, and moving down kept it hidden).
     */
    @Test
    void theSelectedRowIsNeverTheOneTheMoreRowsLineHides() {
        DockerView d = DockerViewFixture.demo(keys(), null, links -> {
            List<HostLink> l = new ArrayList<>();
            for (HostLink h : links) { // eth0 not a NIC, and ten uncounted ones: all ten are listed
                l.add(h.name().equals("eth0") ? new HostLink("eth0", h.ifindex(), h.iflink(), h.role(), null, false) : h);
            }
            for (int i = 1; i <= 10; i++) {
                l.add(new HostLink("ens" + i, 300 + i, 300 + i, LinkRole.OTHER, null, true));
            }
            return l;
        });
        UiState ui = on(UiState.View.DOCKER);
        for (String veth : List.of("veth3f2a1b0", "veth9c84d21", "veth77e01aa")) {
            String s = render(ui, d, MIN);
            assertEquals(veth, ui.dockerSelected());
            List<String> lines = s.lines().toList();
            int more = -1;
            int row = -1;
            for (int i = 0; i < lines.size(); i++) {
                more = lines.get(i).contains("more rows") ? i : more;
                row = lines.get(i).contains(veth + " \u2192") ? i : row;
            }
            assertTrue(row >= 0, veth + " selected but not on the screen:\n" + s);
            assertTrue(more < 0 || row < more, veth + " below the more-rows line:\n" + s);
            ui.dockerMove(1);
        }
        // Down past the last veth: the end of the tree, the containers without a veth of their own
        String end = render(ui, d, MIN);
        assertTrue(end.contains("sidecar") && !end.contains("more rows"), end);
        ui.dockerMove(-1); // and Up: the selection again
        String back = render(ui, d, MIN);
        assertTrue(back.contains("veth77e01aa \u2192") && back.contains("more rows"), back);
        assertEquals("veth77e01aa", ui.dockerSelected());
        ui.dockerMove(1);
        render(ui, d, MIN);
        ui.dockerMove(-Integer.MAX_VALUE / 2); // Home from the end goes to the first veth at once
        render(ui, d, MIN);
        assertEquals("veth3f2a1b0", ui.dockerSelected());
    }

    /** Every fixed unit's rate titles fit their columns whole (TUI audit: "iner rx bit/s"). */
    @Test
    void rateTitlesWithAFixedUnitAreWhole() {
        for (Units u : Units.values()) {
            UiState ui = on(UiState.View.DOCKER);
            ui.units(u);
            String header = render(ui, docker, WIDE).lines().skip(1).findFirst().orElseThrow();
            String rx = u == Units.AUTO ? "Container rx" : "rx " + u.label();
            String tx = u == Units.AUTO ? "Container tx" : "tx " + u.label();
            assertTrue(java.util.regex.Pattern.compile("\\s" + java.util.regex.Pattern.quote(rx) + "\\s+"
                    + java.util.regex.Pattern.quote(tx) + "\\s").matcher(header).find(), u + ": " + header);
        }
    }

    /** Before the engine's first answer the Docker screen says it waits, not that the engine lists nothing. */
    @Test
    void beforeTheFirstAnswerTheDockerScreenSaysItWaits() {
        String s = render(on(UiState.View.DOCKER), DockerViewFixture.unreachable(null), MIN);
        assertTrue(s.contains("Waiting for the engine's first answer."), s);
    }

    /** The recording's key of each interface by name: the fixture's ifindexes. */
    private static Map<String, Integer> keys() {
        Map<String, Integer> keys = new HashMap<>();
        for (IfaceSnapshot s : snap.interfaces()) {
            keys.put(s.name(), s.key());
        }
        return keys;
    }

    @Test
    void generalScreenNamesContainersAndNetworksBesideTheirInterfaces() {
        UiState ui = new UiState();
        ui.sort(UiState.Sort.RATE);
        Goldens.assertMatches("general-docker-140x30", render(ui, docker, new TerminalSize(140, 30)));
    }

    /**
     * A wide terminal gives the Container column what is left after a whole sparkline, up to 48
     * (TUI audit: at 250 columns it stayed 22, "audit-web2 on auditn…" beside 100 empty ones).
     */
    @Test
    void theContainerColumnGrowsOnAWideTerminal() {
        String at140 = render(new UiState(), docker, new TerminalSize(140, 30)).lines().skip(1).findFirst().orElseThrow();
        String at250 = render(new UiState(), docker, new TerminalSize(250, 30)).lines().skip(1).findFirst().orElseThrow();
        assertEquals(17 + 22, at140.indexOf("Container / network") + 22, at140); // the header starts at 17
        assertEquals(at140.indexOf(" Total") + 48 - 22, at250.indexOf(" Total"), at140 + "\n" + at250);
        assertTrue(at250.contains("Last 60 s"), at250);
    }

    /** Narrow, rows sort by the name they show (TUI audit: container names in veth-name order). */
    @Test
    void narrowGeneralScreenSortsByTheNamesItShows() {
        String screen = render(new UiState(), docker, MIN);
        List<String> names = screen.lines().skip(2).map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.split(" ")[0]).takeWhile(n -> !n.isEmpty() && !n.startsWith("Elapsed")).toList();
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Rows::natural);
        assertEquals(sorted, names, screen);
        assertTrue(names.contains("cache") && names.contains("web1"), screen);
    }

    @Test
    void narrowGeneralScreenShowsContainersInsteadOfVethNames() {
        String screen = render(new UiState(), docker, MIN);
        Goldens.assertMatches("general-docker-80x24", screen);
        assertTrue(screen.contains("Iface/container"), screen);
    }

    @Test
    void detailScreenSaysWhichContainerTheVethBelongsTo() {
        UiState ui = new UiState();
        List<IfaceSnapshot> rows = Rows.visible(snap, ui);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).name().equals("veth3f2a1b0")) {
                ui.select(rows, i);
            }
        }
        ui.show(UiState.View.DETAIL);
        String screen = render(ui, docker, MIN);
        Goldens.assertMatches("detail-docker-veth-80x24", screen);
        assertTrue(screen.contains("Container web1 (nginx:1.27, 172.17.0.2, bridge)"), screen);
    }

    @Test
    void withoutDockerTheMessageLineSaysWhyOnceAndQuietly() {
        UiState ui = new UiState();
        DockerView none = DockerViewFixture.unreachable(NO_SOCKET);
        Goldens.assertMatches("general-no-docker-80x24", render(ui, none, MIN));
        Goldens.assertMatches("docker-no-engine-80x24", render(on(UiState.View.DOCKER), none, MIN));
        // half a minute later the line is quiet again; the Docker screen keeps saying it
        UiState later = new UiState();
        later.observeDocker(NO_SOCKET, snap.timeNanos() - UiState.DOCKER_NOTICE_NANOS);
        assertNull(later.dockerNotice(snap.timeNanos()));
        UiState fresh = new UiState();
        fresh.observeDocker(NO_SOCKET, snap.timeNanos());
        assertEquals(NO_SOCKET, fresh.dockerNotice(snap.timeNanos() + UiState.DOCKER_NOTICE_NANOS - 1));
    }

    @Test
    void filterMatchesContainerAndNetworkNames() {
        UiState ui = new UiState();
        ui.filter("cache");
        assertEquals(List.of("veth9c84d21"), names(Rows.visible(snap, ui, RunStatus.labelsOf(docker))));
        ui.filter("backend");
        assertEquals(List.of("br-5e1f0c2a9d3b"), names(Rows.visible(snap, ui, RunStatus.labelsOf(docker))));
        ui.filter("web*");
        assertEquals(List.of("veth3f2a1b0"), names(Rows.visible(snap, ui, RunStatus.labelsOf(docker))));
        ui.filter("web1");
        assertEquals(List.of(), names(Rows.visible(snap, ui)), "a replay has no container names");
    }

    @Test
    void dockerKeysOpenTheScreenMoveOverContainersAndOpenAVethsDetails() {
        FixedModel model = new FixedModel(running.table, snap.timeNanos(), running.firstFrameNanos(), 0, false);
        UiState ui = new UiState();
        List<IfaceSnapshot> rows = Rows.visible(snap, ui);
        assertEquals(KeyHandler.Outcome.REDRAW, KeyHandler.handle(KeyStroke.fromString("d"), ui, model, rows, 10));
        assertEquals(UiState.View.DOCKER, ui.view());
        Renderer.prepare(ui, snap, docker, MIN);
        assertEquals("veth3f2a1b0", ui.dockerSelected());
        KeyHandler.handle(new KeyStroke(KeyType.ArrowDown), ui, model, rows, 10);
        KeyHandler.handle(new KeyStroke(KeyType.ArrowDown), ui, model, rows, 10);
        Renderer.prepare(ui, snap, docker, MIN);
        assertEquals("veth77e01aa", ui.dockerSelected(), "web1's second veth, on backend");
        KeyHandler.handle(new KeyStroke(KeyType.ArrowUp), ui, model, rows, 10);
        Renderer.prepare(ui, snap, docker, MIN);
        assertEquals("veth9c84d21", ui.dockerSelected());
        KeyHandler.handle(new KeyStroke(KeyType.Enter), ui, model, rows, 10);
        assertEquals(UiState.View.DETAIL, ui.view());
        assertEquals("veth9c84d21", Renderer.selected(rows, ui).name());
        KeyHandler.handle(KeyStroke.fromString("d"), ui, model, rows, 10);
        assertEquals(UiState.View.DOCKER, ui.view());
        KeyHandler.handle(new KeyStroke(KeyType.Escape), ui, model, rows, 10);
        assertEquals(UiState.View.GENERAL, ui.view());
    }

    private static List<String> names(List<IfaceSnapshot> rows) {
        List<String> out = new ArrayList<>();
        for (IfaceSnapshot s : rows) {
            out.add(s.name());
        }
        return out;
    }
}
