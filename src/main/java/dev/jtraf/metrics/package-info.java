/**
 * Micrometer meters over jtraf's own counters, and the Prometheus endpoint.
 *
 * <pre>
 *   capture thread ──writes──► IfaceCounters (single writer, seqlock)
 *                                   │ read at scrape time only, never on the packet path
 *   GET /metrics ─► MetricsServer ─► MetricsExport.scrape()          (one scrape at a time)
 *                                   ├─ TrafficMeters.sync(): one Snapshot (cached ≤ 250 ms),
 *                                   │    registers new interfaces, removes retired ones,
 *                                   │    hands each InterfaceMeters its IfaceSnapshot
 *                                   └─ PrometheusMeterRegistry.scrape(): the function counters
 *                                        and gauges read those snapshots ─► text format 0.0.4
 * </pre>
 *
 * <p>Every value of one scrape comes from the same {@link dev.jtraf.stats.Snapshot}, the one
 * the dumps and the dashboard are made of, so {@code Total = IPv4 + IPv6 + NonIP} and the sum
 * over {@code direction} equal the interface's totals within each scrape. Nothing here imports
 * {@code capture} or {@code source}: the snapshot comes in as a {@code Supplier}.
 */
package dev.jtraf.metrics;
