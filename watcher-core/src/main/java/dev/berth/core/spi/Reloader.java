package dev.berth.core.spi;

import java.util.List;

/** Makes the proxy load the configuration Berth has just written. */
public interface Reloader {

    /** Reloads every target; one result per target, failures included (it does not throw for them). */
    List<ReloadResult> reload();

    /** Describes the targets for the start-up log, e.g. "containers with label com.example.type=nginx". */
    String describeTargets();
}
