package dev.jtraf.view.tui;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The terminal's output stream: buffered, so a frame reaches the terminal in a few large
 * writes when Lanterna flushes at the end of a refresh (not one system call per character, as
 * through {@code System.out}, which flushes on every write, and without a half-drawn frame on
 * screen), and flushed at once after a cursor position request ({@code ESC [ 6 n}), which
 * Lanterna sends to learn the terminal size and then waits up to 5 s for the answer without
 * flushing itself.
 *
 * <p>Lanterna synchronises every write on this object; the dashboard holds the same monitor
 * while it refreshes (see {@link DashboardLoop}).
 */
final class TerminalOutput extends BufferedOutputStream {
    TerminalOutput(OutputStream out) {
        super(out, 1 << 16);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        super.write(b, off, len);
        if (len >= 4 && b[off + len - 4] == 0x1b && b[off + len - 3] == '[' && b[off + len - 2] == '6'
                && b[off + len - 1] == 'n') {
            flush();
        }
    }
}
