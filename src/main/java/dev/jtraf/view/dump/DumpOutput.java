package dev.jtraf.view.dump;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Standard output for a dump, remembering why a write failed: a {@link PrintStream} only says
 * that one did. A reader that went away ({@code | head}, EPIPE) ends the run normally; any other
 * failure (a full disk, an I/O error, a closed descriptor) is a problem to report, or
 * {@code jtraf --dump csv > day.csv} would end in success with the data lost.
 */
public final class DumpOutput extends OutputStream {
    private final OutputStream out;
    /** Whether the output is a pipe or socket, where a failed write means the reader went away. */
    private final boolean toReader;
    private volatile IOException error;
    private final PrintStream printer;
    private final PrintStream utf8;

    /** Standard output (descriptor 1), in the charset {@code System.out} uses. */
    public static DumpOutput stdout() {
        return new DumpOutput(new FileOutputStream(FileDescriptor.out), toReader(Path.of("/proc/self/fd/1")));
    }

    /**
     * Whether {@code fd} (a /proc/self/fd entry) is a pipe, a named pipe (FIFO) or a socket:
     * there a failed write means the reader went away. Told by the file type of what it points
     * to; where that cannot be read, by the link's text ({@code pipe:[...]}, {@code socket:[...]};
     * a named pipe shows its path there).
     */
    static boolean toReader(Path fd) {
        try {
            int type = (Integer) Files.getAttribute(fd, "unix:mode") & S_IFMT;
            return type == S_IFIFO || type == S_IFSOCK;
        } catch (IOException | RuntimeException e) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("pipe:") || target.startsWith("socket:");
            } catch (IOException | RuntimeException e2) {
                return false;
            }
        }
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFSOCK = 0140000;

    /**
     * An output over {@code out}; {@code toReader}: it is a pipe or socket (its write errors are
     * a reader that went away). Tests pass {@code System.out}, which reports no errors at all.
     */
    public DumpOutput(OutputStream out, boolean toReader) {
        this.out = out;
        this.toReader = toReader;
        BufferedOutputStream buffered = new BufferedOutputStream(this, 1 << 16); // both printers write here
        this.printer = new PrintStream(buffered, false, stdoutCharset());
        this.utf8 = new PrintStream(buffered, false, StandardCharsets.UTF_8);
    }

    /** {@code System.out}'s charset: stdout.encoding (JDK 19+) or sun.stdout.encoding (a terminal), else the default. */
    private static Charset stdoutCharset() {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** Text for people (help, version, the text dump), in the charset of the terminal or locale. */
    public PrintStream printer() {
        return printer;
    }

    /**
     * What a dump in {@code format} writes to (flushed by the writer after each block): the text
     * dump follows the locale, as {@link #printer} does; CSV and JSON lines are always UTF-8,
     * what RFC 8259 asks of JSON and what scripts expect, whatever the locale: under
     * {@code LANG=C} (cron, systemd, {@code env -i}) the locale's ASCII would write every
     * non-ASCII interface name as '?', and two names could come out the same.
     */
    public PrintStream printer(DumpFormat format) {
        return format == DumpFormat.TEXT ? printer : utf8;
    }

    /** Flushes whatever either printer holds. */
    public void flushPrinters() {
        printer.flush();
        utf8.flush();
    }

    /**
     * Why writing failed, fit for "jtraf: cannot write the dump: ..."; null if it did not, or
     * if the output is a pipe or socket (the reader went away: EPIPE, told by the kind of
     * descriptor rather than by the error's text, which follows the locale).
     */
    public String problem() {
        IOException e = error;
        return e == null || toReader ? null : String.valueOf(e.getMessage());
    }

    /** What to do about a {@link #problem}: " (...)" for the common ones, else "". */
    public static String hint(String problem) {
        return problem.contains("No space") ? " (free space, or write it elsewhere)"
                : problem.contains("Bad file descriptor") ? " (standard output is closed: redirect it)" : "";
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    private IOException remember(IOException e) {
        if (error == null) {
            error = e;
        }
        return e;
    }
}
