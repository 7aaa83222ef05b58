package dev.jtraf.view.dump;

import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.Snapshot;
import java.io.PrintStream;

/**
 * Writes one block per interval: a row per interface and a total row, flushed at once so a
 * pipe sees it live. The last block written is always the cumulative totals at the end.
 *
 * <p>Not thread-safe: one thread writes (the replay thread, or the live timer; then the main
 * thread for the final block, after the others stopped).
 */
public abstract class DumpWriter {
    private final PrintStream out;
    private final boolean perInterfaceDropsKnown;

    /**
     * @param out                    where to write
     * @param perInterfaceDropsKnown whether drops can be given per interface (files: yes, 0;
     *                               live on the {@code any} device: only in total)
     */
    protected DumpWriter(PrintStream out, boolean perInterfaceDropsKnown) {
        this.out = out;
        this.perInterfaceDropsKnown = perInterfaceDropsKnown;
    }

    public static DumpWriter create(DumpFormat format, PrintStream out, boolean perInterfaceDropsKnown, int intervalSeconds) {
        switch (format) {
            case CSV: return new CsvDump(out, perInterfaceDropsKnown);
            case JSON: return new JsonLinesDump(out, perInterfaceDropsKnown);
            default: return new TextDump(out, perInterfaceDropsKnown, intervalSeconds);
        }
    }

    /** Writes and flushes one block. */
    public final void block(Snapshot s, boolean isFinal) {
        String time = DumpRecord.time(s.timeNanos());
        begin(out, time, s, isFinal);
        Long drops = perInterfaceDropsKnown ? Long.valueOf(0) : null;
        for (IfaceSnapshot i : s.interfaces()) {
            row(out, DumpRecord.values(time, i, false, drops, isFinal));
        }
        row(out, DumpRecord.values(time, s.total(), true, s.captureDrops(), isFinal));
        end(out, s, isFinal);
        out.flush();
    }

    /** True once writing failed (a closed pipe): the run should stop. */
    public boolean failed() {
        return out.checkError();
    }

    protected void begin(PrintStream o, String time, Snapshot s, boolean isFinal) {
    }

    protected abstract void row(PrintStream o, String[] values);

    protected void end(PrintStream o, Snapshot s, boolean isFinal) {
    }
}
