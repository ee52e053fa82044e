package dev.berth.core.docker;

import dev.berth.core.model.ContainerState;

/** What Docker tells of a container just connected to a network, before inspect can (see {@link ContainerInspector#foresee}). */
public sealed interface Foresight {

    /** Not selected, or gone: nothing of it to serve. */
    record Unselected() implements Foresight {
    }

    /** Running already, or not foreseeable: inspect it. */
    record Inspect() implements Foresight {
    }

    /** Starting: its state once it runs, as far as Docker tells before its start completes. */
    record Starting(ContainerState once) implements Foresight {
    }
}
