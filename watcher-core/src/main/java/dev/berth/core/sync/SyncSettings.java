package dev.berth.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * How `berth watch` puts changes into effect.
 *
 * @param coalescing how changes are gathered into passes
 * @param checkCommand replaces the renderer's own check command (--check-command)
 * @param check false turns the proxy's check off (--no-check)
 */
public record SyncSettings(Wait coalescing, Optional<List<String>> checkCommand, boolean check) {

    public static final SyncSettings DEFAULT = new SyncSettings(Wait.DEFAULT, Optional.empty(), true);

    public SyncSettings {
        requireNonNull(coalescing, "coalescing");
        requireNonNull(checkCommand, "checkCommand");
        checkCommand = checkCommand.map(List::copyOf);
    }

    /** The check to run: the user's command, else the renderer's; none when turned off or when neither has one. */
    public List<String> checkCommand(List<String> renderers) {
        return !check ? List.of() : checkCommand.orElse(renderers);
    }
}
