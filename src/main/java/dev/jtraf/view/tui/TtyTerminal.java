package dev.jtraf.view.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * Lanterna's Unix terminal, told its size by the kernel ({@code ioctl(TIOCGWINSZ)} on standard
 * output) instead of by asking the terminal. Lanterna asks by moving the cursor far away and
 * requesting its position (ESC [ 6 n), at start and on every resize; the answer
 * (ESC [ rows ; cols R) comes back as input. An Esc key pressed just before it merged with it
 * and was lost, and an answer still on its way when jtraf quit landed in the shell, echoed and
 * typed at the prompt ({@code ^[[15;60R}, then {@code ;60R}). The kernel knows the size without
 * a round trip. Where the ioctl is not available (a Linux architecture with another request
 * number, or no terminal on standard output), Lanterna's own way is used.
 */
final class TtyTerminal extends UnixTerminal {
    /** {@code TIOCGWINSZ} on Linux x86, ARM, RISC-V and s390 (asm-generic ioctls). */
    private static final long TIOCGWINSZ = 0x5413;

    interface LibC extends Library {
        int ioctl(int fd, NativeLong request, short[] winsize);
    }

    private static final class Loaded {
        static final LibC C = load();

        private static LibC load() {
            if (!Platform.isLinux() || Platform.isPPC() || Platform.isMIPS() || Platform.isSPARC()) {
                return null;
            }
            // glibc's soname first: "c" alone may find only libc.so, a linker script (libc6-dev)
            for (String name : new String[] {"libc.so.6", "c"}) {
                try {
                    return Native.load(name, LibC.class);
                } catch (UnsatisfiedLinkError | RuntimeException e) {
                    // the next name; none: Lanterna asks the terminal, as before
                }
            }
            return null;
        }
    }

    TtyTerminal(InputStream in, OutputStream out, Charset charset, CtrlCBehaviour ctrlC) throws IOException {
        super(in, out, charset, ctrlC);
    }

    @Override
    protected TerminalSize findTerminalSize() throws IOException {
        TerminalSize s = windowSize(1);
        return s != null ? s : super.findTerminalSize();
    }

    /** The size of the terminal on file descriptor {@code fd} as the kernel has it, or null. */
    static TerminalSize windowSize(int fd) {
        LibC c = Loaded.C;
        if (c == null) {
            return null;
        }
        short[] ws = new short[4]; // struct winsize: rows, columns, x pixels, y pixels
        if (c.ioctl(fd, new NativeLong(TIOCGWINSZ), ws) != 0) {
            return null;
        }
        int rows = Short.toUnsignedInt(ws[0]);
        int columns = Short.toUnsignedInt(ws[1]);
        return rows > 0 && columns > 0 ? new TerminalSize(columns, rows) : null;
    }
}
