package dev.berth.core.spi;

/** A template, an output path or a proxy configuration is wrong (exit 3). */
public final class ConfigException extends BerthException {
    public ConfigException(String message) {
        super(CONFIG, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(CONFIG, message, cause);
    }
}
