package dev.jtraf.lab;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The kernel's own packet and byte counters of one interface, from
 * {@code /sys/class/net/IF/statistics/{rx,tx}_{packets,bytes}}: the reference jtraf's counts
 * are checked against. Directions are the interface's: on a container's host-side veth, what the
 * container sends is rx.
 */
public record KernelCounters(long rxPackets, long rxBytes, long txPackets, long txBytes) {

    /** The sysfs directory of the host's interfaces. */
    public static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    /** Reads the counters of host interface {@code iface}; {@link UncheckedIOException} if it does not exist. */
    public static KernelCounters read(String iface) {
        return read(SYS_CLASS_NET, iface);
    }

    /**
     * Reads the counters under another sysfs view, such as
     * {@code /proc/PID/root/sys/class/net} for an interface inside a container.
     */
    public static KernelCounters read(Path sysClassNet, String iface) {
        Path stats = sysClassNet.resolve(iface).resolve("statistics");
        return new KernelCounters(
                readLong(stats.resolve("rx_packets")),
                readLong(stats.resolve("rx_bytes")),
                readLong(stats.resolve("tx_packets")),
                readLong(stats.resolve("tx_bytes")));
    }

    /** Parses the output of {@code cat rx_packets rx_bytes tx_packets tx_bytes} (four numbers). */
    public static KernelCounters parse(String fourNumbers) {
        String[] f = fourNumbers.trim().split("\\s+");
        if (f.length != 4) {
            throw new IllegalArgumentException("expected rx_packets rx_bytes tx_packets tx_bytes, got: " + fourNumbers);
        }
        return new KernelCounters(
                Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
    }

    /** Field-wise difference {@code this - earlier}. */
    public KernelCounters minus(KernelCounters earlier) {
        return new KernelCounters(
                rxPackets - earlier.rxPackets,
                rxBytes - earlier.rxBytes,
                txPackets - earlier.txPackets,
                txBytes - earlier.txBytes);
    }

    /** rx + tx packets: every frame the interface saw, which is what a capture on it sees. */
    public long packets() {
        return rxPackets + txPackets;
    }

    /** rx + tx bytes. */
    public long bytes() {
        return rxBytes + txBytes;
    }

    /**
     * Waits until none of the counters of the given host interfaces changed for {@code quietFor},
     * and returns how long the wait took. Throws {@link AssertionError} (with the last values) if
     * that has not happened within {@code timeout}. Polls every 20 ms.
     */
    public static Duration awaitQuiet(Duration quietFor, Duration timeout, String... ifaces) {
        if (ifaces.length == 0) {
            throw new IllegalArgumentException("no interfaces");
        }
        return awaitStable(quietFor, timeout, String.join(",", ifaces), () -> {
            Map<String, KernelCounters> m = new LinkedHashMap<>();
            for (String i : ifaces) {
                m.put(i, read(i));
            }
            return m;
        });
    }

    /**
     * The general form of {@link #awaitQuiet}: waits until {@code snapshot} returned equal values
     * for {@code quietFor} (use it for counters read inside a namespace).
     */
    public static Duration awaitStable(Duration quietFor, Duration timeout, String what, Supplier<?> snapshot) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        Object last = snapshot.get();
        long lastChange = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (now - lastChange >= quietFor.toNanos()) {
                return Duration.ofNanos(now - t0);
            }
            if (now - deadline >= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + " to be quiet for " + quietFor.toMillis() + " ms; last: " + last);
            }
            Lab.sleep(20);
            Object cur = snapshot.get();
            if (!Objects.equals(cur, last)) {
                last = cur;
                lastChange = System.nanoTime();
            }
        }
    }

    private static long readLong(Path p) {
        try {
            return Long.parseLong(new String(Files.readAllBytes(p), UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
