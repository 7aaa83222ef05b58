package dev.jtraf.docker;

/**
 * A Docker Engine API version ({@code 1.41}) and the negotiation rule (tech-notes 4.2): the
 * daemon's newest version, capped at the newest jtraf was written for, and never below the
 * daemon's oldest (Docker 29 refuses anything older than 1.44; 20.10 anything newer than 1.41).
 *
 * @param major 1 so far
 * @param minor the API revision
 */
record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    /** The oldest API jtraf can use: the event filters and network fields it reads exist since 1.24 (Docker 1.12). */
    static final ApiVersion OLDEST = new ApiVersion(1, 24);
    /**
     * The newest API jtraf asks for. Tested against 1.41 (Docker 20.10); every field jtraf reads
     * is unchanged through 1.51 according to the Engine API version history, and against newer
     * daemons jtraf still asks for 1.51, which they serve as long as their minimum allows it.
     */
    static final ApiVersion NEWEST = new ApiVersion(1, 51);

    /** Parses {@code "1.41"}; null if it is not of that form. */
    static ApiVersion parse(String s) {
        if (s == null) {
            return null;
        }
        int dot = s.indexOf('.');
        try {
            if (dot > 0) {
                return new ApiVersion(Integer.parseInt(s.substring(0, dot).trim()), Integer.parseInt(s.substring(dot + 1).trim()));
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    /**
     * The version to use with a daemon that serves {@code [daemonMin, daemonMax]}.
     *
     * @param daemonMin the daemon's oldest version, or null if it did not say
     * @throws EngineException if the daemon is older than {@link #OLDEST}
     */
    static ApiVersion negotiate(ApiVersion daemonMax, ApiVersion daemonMin) throws EngineException {
        if (daemonMax == null) {
            throw new EngineException(0, "the engine did not say which API version it speaks");
        }
        if (daemonMax.compareTo(OLDEST) < 0) {
            throw new EngineException(0, "Docker API " + daemonMax + " is older than the " + OLDEST + " jtraf needs");
        }
        ApiVersion v = daemonMax.compareTo(NEWEST) > 0 ? NEWEST : daemonMax;
        if (daemonMin != null && v.compareTo(daemonMin) < 0) {
            v = daemonMin;
        }
        return v;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
