package dev.jtraf.view.dump;

import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.InterfaceLabel;
import dev.jtraf.stats.InterfaceLabels;
import dev.jtraf.stats.Snapshot;
import java.io.PrintStream;

/**
 * Writes one block per interval: a row per interface, a total row and, where the snapshot has
 * one, the host total counted once; flushed at once so a pipe sees it live. The last block
 * written is always the cumulative totals at the end. Interface rows name the container and
 * network of the interface where the {@link InterfaceLabels} know them.
 *
 * <p>Not thread-safe: one thread writes (the replay thread, or the live timer; then the main
 * thread for the final block, after the others stopped).
 */
public abstract class DumpWriter {
    private final PrintStream out;
    private final boolean perInterfaceDropsKnown;
    private InterfaceLabels labels;

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
        return create(format, out, perInterfaceDropsKnown, intervalSeconds, null);
    }

    /**
     * @param labels what each interface is (container, network), or null where nothing is known
     *               (replay); the container columns are then null
     */
    public static DumpWriter create(DumpFormat format, PrintStream out, boolean perInterfaceDropsKnown, int intervalSeconds,
            InterfaceLabels labels) {
        DumpWriter w;
        switch (format) {
            case CSV: w = new CsvDump(out, perInterfaceDropsKnown); break;
            case JSON: w = new JsonLinesDump(out, perInterfaceDropsKnown); break;
            default: w = new TextDump(out, perInterfaceDropsKnown, intervalSeconds); break;
        }
        w.labels = labels;
        return w;
    }

    /** Whether rows carry container names (the text dump shows a column for them only then). */
    protected final boolean labelled() {
        return labels != null;
    }

    /** Writes and flushes one block. */
    public final void block(Snapshot s, boolean isFinal) {
        block(s, isFinal, true);
    }

    /**
     * Writes and flushes one block; {@code timeKnown} false: the block has no time (a replay
     * that read no frame: its time would be the epoch), shown as null, an empty cell or "-".
     */
    public final void block(Snapshot s, boolean isFinal, boolean timeKnown) {
        String time = timeKnown ? DumpRecord.time(s.timeNanos()) : null;
        begin(out, time, s, isFinal);
        Long drops = perInterfaceDropsKnown ? Long.valueOf(0) : null;
        for (IfaceSnapshot i : s.interfaces()) {
            InterfaceLabel label = labels == null ? null : labels.labelOf(i.name(), i.key());
            row(out, DumpRecord.values(time, i, DumpRecord.SCOPE_IFACE, label, drops, isFinal));
        }
        row(out, DumpRecord.values(time, s.total(), DumpRecord.SCOPE_TOTAL, null, s.captureDrops(), isFinal));
        if (s.host() != null) {
            row(out, DumpRecord.values(time, s.host(), DumpRecord.SCOPE_HOST, null, null, isFinal));
        }
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
