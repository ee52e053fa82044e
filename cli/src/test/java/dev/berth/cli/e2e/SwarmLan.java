package dev.berth.cli.e2e;

import dev.berth.core.spi.ContainerControl.ExecResult;
import dev.berth.core.host.HostCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The network a test's Swarm nodes share, made of network namespaces: a bridge in a namespace of its
 * own, one namespace per node joined to it by a veth pair (its end named eth0 in the node), and one
 * more veth pair from the host into the bridge, so that the test process reaches the nodes' addresses
 * (and nothing beyond them: no route leaves the LAN). Nothing is bridged in the host's own namespace,
 * so the host's FORWARD policy and the system daemon's iptables rules are never involved.
 *
 * <p>Every name starts with the cluster's prefix, so that {@link #remove} finds all of it, also after
 * a crashed run.
 */
final class SwarmLan {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final String prefix;
    private final String subnet;

    /**
     * @param prefix at most 8 characters: interface names are limited to 15
     * @param third the third byte of the LAN's address, 10.199.{third}.0/24
     */
    SwarmLan(String prefix, int third) {
        this.prefix = prefix;
        this.subnet = "10.199." + third + ".";
    }

    /** A third byte whose 10.199.x.0/24 no route of the host uses yet (another cluster's, say). */
    static int freeThirdByte() {
        String routes = HostCommand.run(List.of("ip", "-4", "route"), Map.of(), COMMAND_TIMEOUT).output();
        for (int attempt = 0; attempt < 100; attempt++) {
            int third = ThreadLocalRandom.current().nextInt(1, 250);
            if (!routes.contains("10.199." + third + ".")) {
                return third;
            }
        }
        throw new IllegalStateException("no free 10.199.x.0/24 for a test swarm: " + routes);
    }

    /** The namespace of node {@code node}, as nsenter takes it. */
    Path namespace(String node) {
        return Path.of("/run/netns", prefix + node);
    }

    /** The address of the {@code index}th node (from 0) on the LAN. */
    String address(int index) {
        return subnet + (index + 2);
    }

    /** Creates the bridge, the nodes' namespaces with their addresses, and the host's leg (10.199.x.254). */
    void create(List<String> nodes) {
        String bridgeNs = prefix + "b";
        run("ip", "netns", "add", bridgeNs);
        run("ip", "-n", bridgeNs, "link", "add", "br0", "type", "bridge");
        run("ip", "-n", bridgeNs, "link", "set", "br0", "up");
        for (int i = 0; i < nodes.size(); i++) {
            String ns = prefix + nodes.get(i);
            run("ip", "netns", "add", ns);
            plugIntoBridge(ns, ns + "p");
            run("ip", "-n", ns, "link", "set", ns, "name", "eth0");
            run("ip", "-n", ns, "address", "add", address(i) + "/24", "dev", "eth0");
            run("ip", "-n", ns, "link", "set", "eth0", "up");
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        String hostLeg = prefix + "h";
        plugIntoBridge(null, hostLeg + "p");
        run("ip", "address", "add", subnet + "254/24", "dev", hostLeg);
        run("ip", "link", "set", hostLeg, "up");
    }

    /**
     * A veth pair whose end {@code bridgeEnd} goes into the bridge; the other end keeps the name
     * without the trailing "p" and stays in the host's namespace (then moved by the caller, if
     * {@code node} is given).
     */
    private void plugIntoBridge(String node, String bridgeEnd) {
        String end = bridgeEnd.substring(0, bridgeEnd.length() - 1);
        run("ip", "link", "add", end, "type", "veth", "peer", "name", bridgeEnd);
        run("ip", "link", "set", bridgeEnd, "netns", prefix + "b");
        run("ip", "-n", prefix + "b", "link", "set", bridgeEnd, "master", "br0", "up");
        if (node != null) {
            run("ip", "link", "set", end, "netns", node);
        }
    }

    /**
     * Deletes every namespace and host interface whose name starts with {@code prefix}: deleting a
     * namespace deletes the veth ends in it, and so their peers.
     */
    static void remove(String prefix) {
        List<String> namespaces = new ArrayList<>();
        for (String line : HostCommand.run(List.of("ip", "netns", "list"), Map.of(), COMMAND_TIMEOUT).output().split("\n")) {
            String name = line.strip().split(" ")[0];
            if (name.startsWith(prefix)) {
                namespaces.add(name);
            }
        }
        namespaces.forEach(ns -> HostCommand.run(List.of("ip", "netns", "delete", ns), Map.of(), COMMAND_TIMEOUT));
        HostCommand.run(List.of("ip", "link", "delete", prefix + "h"), Map.of(), COMMAND_TIMEOUT);
    }

    static void run(String... command) {
        ExecResult result = HostCommand.run(List.of(command), Map.of(), COMMAND_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.exitCode() + ": "
                    + result.output().strip());
        }
    }
}
