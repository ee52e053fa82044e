package dev.berth.benchmarks.e2e;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.BerthAndProxy;
import java.time.Instant;

/**
 * Membership changes one at a time, each after quiet: a second container of {@code image} started,
 * then removed, and so on; each change is in effect (reloaded, or updated at runtime) before the next.
 */
final class MembershipChanges {

    private final DockerClient docker;
    private final BerthAndProxy setup;
    private final String image;
    private String extra;

    MembershipChanges(DockerClient docker, BerthAndProxy setup, String image) {
        this.docker = docker;
        this.setup = setup;
        this.image = image;
    }

    void next() throws InterruptedException {
        Instant written;
        if (extra == null) {
            extra = setup.topology().createBackend("web", "web", image);
            docker.startContainerCmd(extra).exec();
            written = setup.awaitServerCount(2);
        } else {
            docker.removeContainerCmd(extra).withForce(true).exec();
            extra = null;
            written = setup.awaitServerCount(1);
        }
        setup.awaitReloadSince(written);
        // Past Berth's coalescing window: the next change is a change after quiet, one reload on the reload path.
        Thread.sleep(500);
    }
}
