package dev.jtraf.stats;

/**
 * Where an interface sits in the host's bridging. It decides which side of the interface the
 * host total counts, so that a frame crossing several interfaces is counted once
 * (native-notes/docker.md, "A host total counted once").
 */
public enum LinkRole {
    /**
     * A Linux bridge device ({@code docker0}, {@code br-*}). Only its out side counts: what it
     * receives came in through one of its ports first.
     */
    BRIDGE,
    /**
     * A port of a bridge (a container's host-side veth). Only its in side counts: what it
     * transmits was counted where it entered (another port's in side, or the bridge's out side).
     */
    BRIDGE_PORT,
    /** Anything else (host NIC, {@code lo}, tunnels, a veth on no bridge): both sides count. */
    OTHER
}
