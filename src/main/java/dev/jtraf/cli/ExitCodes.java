package dev.jtraf.cli;

import dev.jtraf.source.SourceException;

/** jtraf's exit codes; README lists them. */
public final class ExitCodes {
    /** Ran and ended normally (end of file, --duration, --count, q). */
    public static final int OK = 0;
    /** An internal error; the log file has the details. */
    public static final int INTERNAL = 1;
    /** No permission to capture (CAP_NET_RAW / CAP_NET_ADMIN). */
    public static final int PERMISSION = 2;
    /** Bad command line, or an interface named with -i does not exist. */
    public static final int USAGE = 3;
    /** The capture file cannot be opened, is not a capture, or has an unsupported link type. */
    public static final int UNREADABLE_INPUT = 4;
    /** The capture file is damaged or cut off; everything readable was counted and printed. */
    public static final int DAMAGED_INPUT = 5;
    /** The live capture failed while running. */
    public static final int CAPTURE_FAILED = 6;
    /** --metrics cannot listen: the port is in use, or the address is not one of this host's. */
    public static final int METRICS_UNAVAILABLE = 7;
    /** The dump could not be written (disk full, I/O error); a reader that went away is a normal end. */
    public static final int OUTPUT_FAILED = 8;

    private ExitCodes() {
    }

    static int of(SourceException e) {
        switch (e.kind()) {
            case PERMISSION: return PERMISSION;
            case NO_SUCH_INTERFACE: return USAGE;
            case UNREADABLE_FILE: case UNSUPPORTED_LINK_TYPE: return UNREADABLE_INPUT;
            case DAMAGED_FILE: return DAMAGED_INPUT;
            case INTERNAL: return INTERNAL;
            default: return CAPTURE_FAILED;
        }
    }
}
