package dev.jtraf.source;

/** A source could not start or could not go on; the message is one line for the user. */
public final class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, which decides the exit code. */
    public enum Kind {
        /** No rights to capture (CAP_NET_RAW / CAP_NET_ADMIN missing). */
        PERMISSION,
        /** An interface asked for does not exist. */
        NO_SUCH_INTERFACE,
        /** The capture file cannot be opened or is not a capture file. */
        UNREADABLE_FILE,
        /** The capture file is damaged or cut off; what was readable was delivered. */
        DAMAGED_FILE,
        /** A link type the decoder does not support. */
        UNSUPPORTED_LINK_TYPE,
        /** The live capture failed while running. */
        CAPTURE_FAILED,
        /** A bug in jtraf stopped the capture thread; the log file has the details. */
        INTERNAL
    }

    private final Kind kind;

    public SourceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SourceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
