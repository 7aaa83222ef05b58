package dev.jtraf.metrics;

/**
 * Where the {@code container} and {@code network} tags of an interface's series come from
 * (the Docker enrichment plugs in here). Called on the scraping thread once per interface per
 * scrape, so it must be cheap and must not block: answer from a map the enrichment keeps up to
 * date. When the answer for an interface changes, its series are re-registered under the new
 * tags.
 */
@FunctionalInterface
public interface TagSource {
    /** No Docker awareness: {@link InterfaceTags#NONE} for every interface. */
    TagSource NONE = (name, key) -> InterfaceTags.NONE;

    /**
     * @param name the interface name (the {@code iface} tag)
     * @param key  the source's key for it: the ifindex live, the interface number in a file
     * @return its tags, never null
     */
    InterfaceTags tagsOf(String name, int key);
}
