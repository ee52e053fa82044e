package dev.berth.core.spi;

/**
 * An error the user can act on: its message is the one line Berth prints, and its exit code is the
 * one the command line documents.
 */
public class BerthException extends RuntimeException {
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int CONFIG = 3;
    public static final int DOCKER_UNREACHABLE = 4;

    private final int exitCode;

    public BerthException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public BerthException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
