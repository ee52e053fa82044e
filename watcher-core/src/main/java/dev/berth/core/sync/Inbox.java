package dev.berth.core.sync;

import dev.berth.core.docker.ContainerEvent;
import dev.berth.core.docker.DockerSource;
import dev.berth.core.registry.ServingPolicy;
import dev.berth.core.source.BackendSource;
import dev.berth.core.source.SourceRead;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the sources' changes wait: the sources tell them from their own threads, and the watcher's
 * thread takes them in batches, as long as {@link Coalescing} says, so that a burst costs one pass.
 */
final class Inbox implements DockerSource.Listener, BackendSource.Listener {

    /** The watcher's: the log lines, and the levels users set for them, stay as they were. */
    private static final Logger log = LoggerFactory.getLogger(Watcher.class);

    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final ServingPolicy policy;

    Inbox(ServingPolicy policy) {
        this.policy = policy;
    }

    /** Waits for a change, then for as long as the coalescing policy says; answers all that came. */
    List<Task> nextBatch(Coalescing coalescing) throws InterruptedException {
        List<Task> batch = new ArrayList<>();
        Task first = queue.take();
        batch.add(first);
        seen(first, coalescing);
        long wait;
        while ((wait = coalescing.nanosUntilPass(System.nanoTime())) > 0) {
            Task next = queue.poll(wait, TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
                seen(next, coalescing);
            }
        }
        queue.drainTo(batch);
        if (batch.size() > 1) {
            log.debug("{} changes in one pass", batch.size());
        }
        return batch;
    }

    /**
     * A container told to stop while draining is on keeps serving through its grace period: it
     * waits a little for others to join its pass. One that stops serving (it exited or froze) is
     * taken out at once: its address is gone, and requests sent to it hang until they time out.
     */
    private void seen(Task task, Coalescing coalescing) {
        long now = System.nanoTime();
        if (task instanceof Task.Changed c && c.event().stopsServing()
                || task instanceof Task.SourceChanged s && s.read().urgent()) {
            coalescing.urgent(now);
        } else if (task instanceof Task.Changed c && c.startsDrain(policy)) {
            coalescing.removal(now);
        } else {
            coalescing.changed(now);
        }
    }

    /** Queues a task of the watcher's own, unannounced: a resync after a failed pass. */
    void add(Task task) {
        queue.add(task);
    }

    @Override
    public void containerChanged(ContainerEvent event) {
        log.debug("event {} for container {}", event.action(), event.containerId());
        queue.add(new Task.Changed(event, System.nanoTime()));
    }

    @Override
    public void backendsRead(BackendSource source, SourceRead read) {
        log.debug("{} backends read from {}", read.backends().size(), source.describe());
        queue.add(new Task.SourceChanged(source, read, System.nanoTime()));
    }

    @Override
    public void resyncNeeded(String why) {
        log.debug("full resync: {}", why);
        queue.add(new Task.Resync(why));
    }
}
