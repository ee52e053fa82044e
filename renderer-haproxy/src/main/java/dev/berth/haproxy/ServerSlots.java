package dev.berth.haproxy;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Upstream;
import dev.berth.core.template.TemplateModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every HAProxy backend as a fixed number of server slots, {@code slot1} … {@code slotN}: its
 * containers in some, the others free (disabled, at a placeholder address). A container that
 * starts takes a free slot and one that stops frees its slot, so that HAProxy's Runtime API can
 * change the running servers to what the file says without a reload (see {@code RuntimeApiReloader}).
 *
 * <p>The number of slots: the least power of two that holds the group's containers, and at least
 * {@code minimum}; it changes, and a reload is due, only when a group outgrows it or falls back
 * within a smaller one. A container's slot follows from its id (a hash, probing on to the next free
 * slot), not from its rank among the others: the same containers always render the same file, and a
 * container keeps its slot while others come and go (unless it had been pushed on by a collision).
 */
final class ServerSlots implements TemplateModel.BackendKeys {

    static final String SERVER_NAME = "server_name";
    static final String FREE_SLOTS = "free_slots";
    private static final String PREFIX = "slot";

    private final int minimum;

    ServerSlots(int minimum) {
        if (minimum < 1) {
            throw new IllegalArgumentException("at least one server slot per backend, not " + minimum);
        }
        this.minimum = minimum;
    }

    static int count(int backends, int minimum) {
        int slots = Integer.highestOneBit(Math.max(1, backends));
        if (slots < backends) {
            slots <<= 1;
        }
        return Math.max(slots, minimum);
    }

    /** The slot of each backend (0-based), in the upstream's order; the others are free. */
    int[] place(Upstream upstream) {
        List<Backend> backends = upstream.backends();
        int slots = count(backends.size(), minimum);
        boolean[] taken = new boolean[slots];
        int[] placed = new int[backends.size()];
        for (int i = 0; i < backends.size(); i++) {
            Backend backend = backends.get(i);
            int slot = Math.floorMod(backend.containerId().hashCode() * 31 + backend.port(), slots);
            while (taken[slot]) {
                slot = (slot + 1) % slots;
            }
            taken[slot] = true;
            placed[i] = slot;
        }
        return placed;
    }

    static String name(int slot) {
        return PREFIX + (slot + 1);
    }

    @Override
    public List<Map<String, Object>> of(Upstream upstream) {
        int[] placed = place(upstream);
        List<Map<String, Object>> keys = new ArrayList<>(placed.length);
        for (int slot : placed) {
            keys.add(Map.of(SERVER_NAME, name(slot)));
        }
        return keys;
    }

    /** The free slots' names, in slot order. */
    @Override
    public Map<String, Object> ofUpstream(Upstream upstream) {
        int[] placed = place(upstream);
        boolean[] taken = new boolean[count(placed.length, minimum)];
        for (int slot : placed) {
            taken[slot] = true;
        }
        List<String> free = new ArrayList<>();
        for (int slot = 0; slot < taken.length; slot++) {
            if (!taken[slot]) {
                free.add(name(slot));
            }
        }
        return Map.of(FREE_SLOTS, free);
    }
}
