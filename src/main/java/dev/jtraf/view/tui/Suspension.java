package dev.jtraf.view.tui;

import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-Z (SIGTSTP) and {@code fg}: the dashboard gives the terminal back to the shell before it
 * stops, and takes it again when it continues, as curses programs do. By default the JVM just
 * stops, leaving the shell in the alternate screen, and after {@code fg} the shell's cooked
 * mode stays on (keys echo, nothing is redrawn).
 *
 * <p>SIGTSTP only sets a flag; the UI thread, between two frames, leaves the screen, restores the
 * saved terminal settings, stops the process with SIGSTOP (which cannot be caught), and on
 * SIGCONT sets raw mode again and repaints everything. Lanterna's terminal has the stty calls
 * for this, protected; they are reached by reflection, as is {@code sun.misc.Signal} (as
 * Lanterna does for SIGWINCH; javac would warn about it, and the build treats warnings as
 * errors). Where any of that fails, Ctrl-Z keeps the JVM's default.
 */
final class Suspension {
    private static final Logger LOG = LoggerFactory.getLogger(Suspension.class);

    private final Terminal terminal;
    private final Method restore;
    private final Method canonical;
    private final Method echo;
    private volatile boolean requested;

    private Suspension(Terminal terminal, Method restore, Method canonical, Method echo) {
        this.terminal = terminal;
        this.restore = restore;
        this.canonical = canonical;
        this.echo = echo;
    }

    /** Handles SIGTSTP for {@code terminal} from now on; null where it cannot (then nothing changes). */
    static Suspension install(Terminal terminal) {
        if (!(terminal instanceof UnixLikeTerminal)) {
            return null;
        }
        try {
            Method restore = accessible("restoreTerminalSettings");
            Method canonical = accessible("canonicalMode", boolean.class);
            Method echo = accessible("keyEchoEnabled", boolean.class);
            Suspension s = new Suspension(terminal, restore, canonical, echo);
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object onTstp = Proxy.newProxyInstance(Suspension.class.getClassLoader(), new Class<?>[] {handler},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "handle":
                                s.requested = true;
                                return null;
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "equals":
                                return proxy == args[0];
                            default:
                                return "jtraf SIGTSTP handler";
                        }
                    });
            signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance("TSTP"),
                    onTstp);
            return s;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("Ctrl-Z stops jtraf without giving the terminal back first: {}", e.toString());
            return null;
        }
    }

    private static Method accessible(String name, Class<?>... parameters) throws NoSuchMethodException {
        Method m = UnixLikeTerminal.class.getDeclaredMethod(name, parameters);
        m.setAccessible(true);
        return m;
    }

    /** True once Ctrl-Z asked to stop; the caller then calls {@link #stopAndContinue}. UI thread. */
    boolean requested() {
        return requested;
    }

    /**
     * Gives the terminal back (the caller has left the screen: alternate screen off, cursor on),
     * stops this process, and when it continues sets raw mode again (the caller then starts the
     * screen and repaints it whole). UI thread.
     */
    void stopAndContinue() throws IOException {
        requested = false;
        invoke(restore);
        terminal.flush();
        try {
            Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            kill.waitFor(10, TimeUnit.SECONDS); // we stop meanwhile; this returns after SIGCONT
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("cannot stop on Ctrl-Z (kill -STOP): {}", e.toString()); // go on running, terminal taken again
        } finally {
            invoke(canonical, false);
            invoke(echo, false);
        }
    }

    private void invoke(Method m, Object... args) throws IOException {
        try {
            m.invoke(terminal, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IOException(e);
        }
    }
}
