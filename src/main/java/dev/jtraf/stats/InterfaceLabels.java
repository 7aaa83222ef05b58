package dev.jtraf.stats;

/**
 * Looks up the {@link InterfaceLabel} of an interface. The Docker enrichment implements it;
 * views, dumps and metrics receive it from the command-line wiring and never depend on Docker
 * themselves.
 *
 * <p>Implementations answer from an immutable published map, so any thread may call this as
 * often as once per interface per frame drawn: no I/O, no locks, no waiting. An interface that
 * vanished keeps the label it last had (its row stays, with its container's name).
 */
@FunctionalInterface
public interface InterfaceLabels {
    /** Nothing known about any interface. */
    InterfaceLabels NONE = (name, key) -> InterfaceLabel.NONE;

    /**
     * @param name the interface name
     * @param key  the source's key for it: the ifindex live (names can be reused, ifindexes too,
     *             but not both at once)
     * @return its label, never null ({@link InterfaceLabel#NONE} if unknown)
     */
    InterfaceLabel labelOf(String name, int key);
}
