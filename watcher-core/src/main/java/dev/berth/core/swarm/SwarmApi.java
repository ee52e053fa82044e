package dev.berth.core.swarm;

import java.util.List;
import java.util.Optional;

/** What Berth asks a Swarm manager; every call is one request. */
public interface SwarmApi {

    /** Fails with what to do unless the engine is a manager: only a manager answers for services and tasks. */
    void requireManager();

    List<SwarmService> services();

    /** The service now; empty once it was removed. */
    Optional<SwarmService> service(String id);

    /** The tasks of one service, its recent history included ({@code docker service ps}). */
    List<SwarmTask> tasks(String serviceId);

    /** Every task that is meant to run, of every service: one request for the whole cluster. */
    List<SwarmTask> runningTasks();
}
