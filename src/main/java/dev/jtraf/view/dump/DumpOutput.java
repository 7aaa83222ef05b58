package dev.jtraf.view.dump;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Standard output for a dump, remembering why a write failed: a {@link PrintStream} only says
 * that one did. A reader that went away ({@code | head}, EPIPE) ends the run normally; any other
 * failure (a full disk, an I/O error, a closed descriptor) is a problem to report, or
 * {@code jtraf --dump csv > day.csv} would end in success with the data lost.
 */
public final class DumpOutput extends OutputStream {
    private final OutputStream out;
    private volatile IOException error;
    private final PrintStream printer;

    /** Standard output, in the JVM's default charset (as {@code System.out} writes to a file or pipe). */
    public static DumpOutput stdout() {
        return new DumpOutput(new FileOutputStream(FileDescriptor.out));
    }

    /** An output over {@code out} (tests: a stream that fails). */
    public DumpOutput(OutputStream out) {
        this.out = out;
        this.printer = new PrintStream(new BufferedOutputStream(this, 1 << 16), false, Charset.defaultCharset());
    }

    /** What the dump writes to (flushed by the writer after each block). */
    public PrintStream printer() {
        return printer;
    }

    /**
     * Why writing failed, fit for "jtraf: cannot write the dump: ..."; null if it did not, or
     * only because the reader went away (a broken pipe).
     */
    public String problem() {
        IOException e = error;
        if (e == null || String.valueOf(e.getMessage()).contains("Broken pipe")) {
            return null;
        }
        return String.valueOf(e.getMessage());
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
