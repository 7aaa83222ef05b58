package dev.jtraf.view.tui;

/**
 * The kernel's own drop counters of one interface ({@code /sys/class/net/IF/statistics/
 * rx_dropped} and {@code tx_dropped}): shown for reference, they are not jtraf's losses.
 *
 * @param rxDropped frames the kernel dropped on receive
 * @param txDropped frames the kernel dropped on transmit
 */
public record InterfaceDrops(long rxDropped, long txDropped) {
}
