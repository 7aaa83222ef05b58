package dev.jtraf.view.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real UI loop on Lanterna's virtual terminal, driven by keys: screens, selection, sort,
 * filter, units, pause, speed, resize, help, the keys ignored while the terminal is too small,
 * and every way to quit.
 */
class DashboardLoopTest {
    @TempDir
    static Path dir;
    private static ScreenFixture fixture;

    private DefaultVirtualTerminal vt;
    private FixedModel model;
    private DashboardLoop loop;
    private Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    @BeforeAll
    static void replay() throws IOException {
        Path file = dir.resolve("demo.pcapng");
        DemoCapture.write(file, 30);
        fixture = new ScreenFixture(file);
    }

    private void start(TerminalSize size) throws IOException {
        vt = new DefaultVirtualTerminal(size);
        TerminalScreen screen = new TerminalScreen(vt);
        screen.setCursorPosition(null);
        screen.startScreen();
        long now = (DemoCapture.START_SECOND + 30) * 1_000_000_000L;
        model = new FixedModel(fixture.table, now, fixture.firstFrameNanos(), 2849, true);
        loop = new DashboardLoop(screen, model, new Renderer(Theme.of(true, true), ZoneOffset.UTC), 500, 10, vt);
        thread = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "test-ui");
        thread.start();
        await("the first frame", s -> s.contains("General interface statistics"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null) {
            loop.requestStop();
            thread.join(5000);
        }
        assertEquals(null, failure.get());
    }

    private String screen() {
        return ScreenFixture.text(vt);
    }

    private String await(String what, Predicate<String> condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        String s = screen();
        while (!condition.test(s)) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; screen:\n" + s);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
            s = screen();
        }
        return s;
    }

    private void type(char c) {
        vt.addInput(new KeyStroke(c, false, false));
    }

    private void press(KeyType k) {
        vt.addInput(new KeyStroke(k));
    }

    private void assertQuits() throws InterruptedException {
        thread.join(5000);
        assertFalse(thread.isAlive(), "the loop should have ended");
    }

    @Test
    void navigatesBetweenTheScreensWithKeys() throws Exception {
        start(new TerminalSize(100, 30));
        press(KeyType.Enter);
        await("detail of the first row", s -> s.contains("Detailed interface statistics: br-5e1f0c2a9d3b"));
        press(KeyType.ArrowDown);
        await("detail of the next row", s -> s.contains("Detailed interface statistics: docker0"));
        press(KeyType.Escape);
        await("the list again", s -> s.contains("General interface statistics"));
        type('h');
        await("help", s -> s.contains("What the numbers mean"));
        press(KeyType.Escape);
        await("the list after help", s -> s.contains("General interface statistics"));
        type('q');
        assertQuits();
    }

    @Test
    void sortsFiltersAndCyclesUnits() throws Exception {
        start(new TerminalSize(100, 30));
        type('t');
        String s = await("sort by total", x -> x.contains("Total\u25bc"));
        assertTrue(s.indexOf("eth0") < s.indexOf("docker0"), s);
        type('/');
        type('e');
        type('t');
        type('h');
        s = await("filtered list", x -> x.contains("[filter: eth]") && !x.contains("docker0"));
        assertTrue(s.contains("eth0") && s.contains("Filter: eth_"), s);
        press(KeyType.Enter);
        await("filter kept", x -> !x.contains("Filter: eth_") && x.contains("[filter: eth]"));
        press(KeyType.Escape);
        await("filter cleared", x -> x.contains("docker0") && !x.contains("[filter"));
        type('u');
        await("fixed units", x -> x.contains("Units:bit/s") && x.contains("Act. bit/s"));
        type('q');
        assertQuits();
    }

    @Test
    void pausesAndChangesReplaySpeed() throws Exception {
        start(new TerminalSize(100, 30));
        type('p');
        await("paused", s -> s.contains("PAUSED"));
        assertTrue(model.isPaused());
        type(' ');
        await("playing", s -> s.contains("playing 1x"));
        type('+');
        await("2x", s -> s.contains("playing 2x"));
        type('-');
        type('-');
        await("0.5x", s -> s.contains("playing 0.5x"));
        assertEquals(0.5, model.speed());
        model.end();
        await("end of file", s -> s.contains("End of file at") && s.contains("ENDED"));
        type('p'); // pausing an ended replay: the title still says it ended (was: PAUSED)
        await("still ended", s -> s.contains("ENDED") && !s.contains("PAUSED"));
        press(KeyType.Escape);
        assertQuits();
    }

    @Test
    void followsResizesAndShowsAMessageWhenTooSmall() throws Exception {
        start(new TerminalSize(100, 30));
        vt.setTerminalSize(new TerminalSize(60, 20));
        await("too small", s -> s.contains("Terminal too small: 60x20"));
        vt.setTerminalSize(new TerminalSize(20, 5)); // the long message was cut to "jtraf needs at least"
        await("too small, briefly", s -> s.contains("Needs 80x24") && s.contains("q quits") && s.contains("now 20x5"));
        vt.setTerminalSize(new TerminalSize(130, 35));
        String s = await("wide layout", x -> x.contains("Last 60 s") && x.contains("Out"));
        assertEquals(35, s.lines().count());
        vt.addInput(new KeyStroke('c', true, false));
        assertQuits();
    }

    /** Shrinks the terminal below the layout's minimum and waits for the message. */
    private void shrink() {
        vt.setTerminalSize(new TerminalSize(60, 20));
        await("too small", s -> s.contains("Terminal too small: 60x20"));
    }

    /**
     * Scribbles on the terminal behind the screen's back, presses Ctrl-L and waits for the
     * repaint to wipe the scribble: every key typed before has then been read.
     */
    private void repaintAfterKeys() {
        synchronized (vt) { // the loop's output lock: not in the middle of a refresh
            vt.setCursorPosition(0, 0);
            vt.putCharacter('#');
        }
        assertTrue(screen().startsWith("#"));
        vt.addInput(new KeyStroke('l', true, false));
        await("the repaint after Ctrl-L", s -> !s.startsWith("#"));
    }

    @Test
    void keysWhileTooSmallChangeNothingButCtrlLRepaints() throws Exception {
        start(new TerminalSize(120, 40));
        String before = screen();
        shrink();
        type('s');
        press(KeyType.Enter);
        press(KeyType.ArrowDown);
        press(KeyType.End);
        type('u');
        type('p');
        type('+');
        type('d');
        type('h');
        type('/');
        type('x');
        repaintAfterKeys();
        vt.setTerminalSize(new TerminalSize(120, 40));
        await("the screen it shrank from", s -> s.equals(before));
        assertFalse(model.isPaused());
        assertEquals(1, model.speed());
        type('q');
        assertQuits();
    }

    @Test
    void escWhileTooSmallStaysOnTheDetailScreenAndQQuitsEvenFromTheFilter() throws Exception {
        start(new TerminalSize(100, 30));
        press(KeyType.Enter);
        await("detail", s -> s.contains("Detailed interface statistics: br-5e1f0c2a9d3b"));
        shrink();
        press(KeyType.Escape); // would go back to the list, unseen
        repaintAfterKeys();
        vt.setTerminalSize(new TerminalSize(100, 30));
        await("still the detail", s -> s.contains("Detailed interface statistics: br-5e1f0c2a9d3b"));
        press(KeyType.Escape);
        type('/');
        type('e');
        await("typing a filter", s -> s.contains("Filter: e_"));
        shrink();
        type('q'); // the message says q quits; it would be typed into the filter, unseen
        assertQuits();
    }

    @Test
    void escQuitsWhileTooSmallWhereItQuitsAnyway() throws Exception {
        start(new TerminalSize(100, 30));
        shrink();
        press(KeyType.Escape);
        assertQuits();
    }

    @Test
    void endOfInputQuits() throws Exception {
        start(new TerminalSize(80, 24));
        press(KeyType.EOF);
        assertQuits();
    }

    @Test
    void aStopRequestEndsTheLoopWithoutAnotherFrame() throws Exception {
        start(new TerminalSize(80, 24));
        loop.requestStop();
        assertQuits();
        long frames = loop.framesDrawn();
        type('h');
        Thread.sleep(100);
        assertEquals(frames, loop.framesDrawn());
        assertFalse(screen().contains("What the numbers mean"));
    }
}
