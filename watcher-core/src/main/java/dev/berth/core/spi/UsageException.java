package dev.berth.core.spi;

/** The command line asks for something that does not exist or does not parse (exit 2). */
public final class UsageException extends BerthException {
    public UsageException(String message) {
        super(USAGE, message);
    }
}
