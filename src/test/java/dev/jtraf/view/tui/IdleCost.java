package dev.jtraf.view.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.ANSITerminal;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.jtraf.decode.Frame;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.InterfaceStats;
import dev.jtraf.stats.InterfaceTable;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.stats.Snapshots;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures what the dashboard's UI thread costs while nobody touches a key: the real
 * {@link DashboardLoop} (input polled every 50 ms, a fresh snapshot drawn every redraw period)
 * over N interfaces that a writer thread keeps counting traffic on (one frame per interface
 * every 100 ms, wall-clock timestamps, so every redraw has new numbers, rates and sparklines).
 * The terminal is an ANSI terminal writing its escape sequences to a byte counter (so the
 * encoding work counts), of 220x60 (54 interface rows on screen). The UI thread's CPU time
 * comes from {@link ThreadMXBean#getThreadCpuTime}, after a warm-up.
 *
 * <pre>java -cp test-classes:classes:DEPS dev.jtraf.view.tui.IdleCost [interfaces=200] [seconds=10] [redrawMillis=1000] [virtual]</pre>
 */
public final class IdleCost {
    /** One measurement. */
    record Result(int interfaces, double seconds, long frames, double cpuPercent, long bytesWritten) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "UI thread: %.2f%% of one core (%d interfaces, %d frames in %.1f s,"
                    + " %d bytes to the terminal)", cpuPercent, interfaces, frames, seconds, bytesWritten);
        }
    }

    private IdleCost() {
    }

    public static void main(String[] args) throws Exception {
        int interfaces = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        long redraw = args.length > 2 ? Long.parseLong(args[2]) : 1000;
        boolean virtual = args.length > 3 && args[3].equals("virtual");
        System.out.println(measure(interfaces, seconds, redraw, virtual));
    }

    static Result measure(int interfaces, double seconds, long redrawMillis, boolean virtual) throws Exception {
        InterfaceTable table = new InterfaceTable();
        long start = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < interfaces; i++) {
            table.put(new InterfaceStats(String.format(Locale.ROOT, "veth%07x", i * 7919), i + 1, i % 2 == 0,
                    new IfaceCounters(Long.MIN_VALUE, 5)), start);
        }
        Thread writer = new Thread(() -> writeTraffic(table), "idle-cost-writer");
        writer.setDaemon(true);
        writer.start();
        TerminalSize size = new TerminalSize(220, 60);
        CountingOutput out = new CountingOutput();
        Terminal terminal = virtual ? new DefaultVirtualTerminal(size) : new FixedSizeAnsiTerminal(out, size);
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.setCursorPosition(null);
        screen.startScreen();
        DashboardLoop loop = new DashboardLoop(screen, new WallClockModel(table, start), new Renderer(Theme.of(true, true),
                ZoneOffset.UTC), redrawMillis, Dashboard.POLL_MILLIS, out);
        Thread ui = new Thread(() -> {
            try {
                loop.run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "idle-cost-ui");
        ui.start();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Thread.sleep(2000); // warm-up: JIT, first full frame
        long cpu0 = mx.getThreadCpuTime(ui.getId());
        long wall0 = System.nanoTime();
        long frames0 = loop.framesDrawn();
        long bytes0 = out.count.get();
        Thread.sleep((long) (seconds * 1000));
        long cpu = mx.getThreadCpuTime(ui.getId()) - cpu0;
        long wall = System.nanoTime() - wall0;
        long frames = loop.framesDrawn() - frames0;
        long bytes = out.count.get() - bytes0;
        loop.requestStop();
        ui.join(5000);
        writer.interrupt();
        return new Result(interfaces, wall / 1e9, frames, 100.0 * cpu / wall, bytes);
    }

    /** One frame per interface every 100 ms, stamped with the wall clock: the single writer. */
    private static void writeTraffic(InterfaceTable table) {
        Frame f = new Frame();
        f.netClass = Frame.CLASS_IPV4;
        f.transport = Frame.PROTO_TCP;
        f.linkCast = Frame.NONE;
        long n = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.currentTimeMillis() * 1_000_000L;
            for (InterfaceStats s : table.all()) {
                f.wireLength = 60 + (int) ((n * 31 + s.key() * 17) % 1400);
                f.direction = s.directionKnown() ? 1 + (int) (n % 2) : Frame.DIR_UNKNOWN;
                s.counters().record(f, now);
                n++;
            }
            LockSupport.parkNanos(100_000_000L);
        }
    }

    /** A live-like model: snapshot now, seconds complete 250 ms after they end. */
    private static final class WallClockModel implements DashboardModel {
        private final Snapshots snapshots;
        private final long start;

        WallClockModel(InterfaceTable table, long start) {
            this.snapshots = new Snapshots(table, 5);
            this.start = start;
        }

        @Override
        public Snapshot snapshot() {
            long now = System.currentTimeMillis() * 1_000_000L;
            return snapshots.take(now, Math.floorDiv(now - 250_000_000L, 1_000_000_000L), 0, 0, true);
        }

        @Override
        public long startNanos() {
            return start;
        }

        @Override
        public boolean isReplay() {
            return false;
        }

        @Override
        public boolean inputEnded() {
            return false;
        }

        @Override
        public String problem() {
            return null;
        }

        @Override
        public String description() {
            return "live";
        }

        @Override
        public void setPaused(boolean paused) {
        }

        @Override
        public boolean isPaused() {
            return false;
        }

        @Override
        public double speed() {
            return 1;
        }

        @Override
        public void setSpeed(double speed) {
        }
    }

    /** Lanterna's ANSI terminal with a fixed size (no cursor-position round trip), no input. */
    private static final class FixedSizeAnsiTerminal extends ANSITerminal {
        private final TerminalSize size;

        FixedSizeAnsiTerminal(OutputStream out, TerminalSize size) {
            super(new ByteArrayInputStream(new byte[0]), out, StandardCharsets.UTF_8);
            this.size = size;
        }

        @Override
        protected TerminalSize findTerminalSize() {
            return size;
        }
    }

    /** Discards output and counts it; the lock object Lanterna writes under. */
    private static final class CountingOutput extends OutputStream {
        final AtomicLong count = new AtomicLong();

        @Override
        public void write(int b) {
            count.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count.addAndGet(len);
        }
    }
}
