package dev.berth.benchmarks.e2e;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.BerthAndProxy;
import dev.berth.cli.e2e.Converging;

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
        int logMark = setup.berth().log().length();
        if (extra == null) {
            extra = setup.topology().createBackend("web", "web", image);
            docker.startContainerCmd(extra).exec();
            setup.awaitServerCount(2);
        } else {
            docker.removeContainerCmd(extra).withForce(true).exec();
            extra = null;
            setup.awaitServerCount(1);
        }
        // Berth's own confirmation: with connections held open the old worker stays, which the proxy's "reloaded" waits for.
        Converging.berthConfirmed(setup.berth(), logMark);
        // Past Berth's coalescing window: the next change is a change after quiet, one reload on the reload path.
        Thread.sleep(500);
    }
}
