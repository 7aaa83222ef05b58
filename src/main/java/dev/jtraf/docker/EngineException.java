package dev.jtraf.docker;

/**
 * A Docker Engine API call failed. The message is short and meant for people, without a stack
 * trace: "permission denied; add yourself to the docker group or run as root",
 * "HTTP 404: No such container: abc".
 */
public final class EngineException extends Exception {
    private final int status;

    /**
     * @param status the HTTP status, or 0 when the engine could not be reached or understood
     */
    public EngineException(int status, String message) {
        super(message);
        this.status = status;
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status, 0 for transport failures. */
    public int status() {
        return status;
    }
}
