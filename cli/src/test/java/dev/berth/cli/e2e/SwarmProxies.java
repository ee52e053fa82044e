package dev.berth.cli.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.nio.file.Path;
import java.util.Map;

/**
 * A proxy on a Swarm node, as an operator runs one beside a swarm: a plain container of that node's
 * daemon on the cluster's attachable overlay network (so it reaches every task's address), its
 * config folder bind-mounted from the test's folder, and port 80 published on the node's own
 * address: the routing mesh, which would publish it on every node, needs IPVS, which this kernel
 * lacks.
 */
public final class SwarmProxies {

    private SwarmProxies() {}

    /**
     * Starts the proxy on {@code node}, labelled {@code com.ameyalokare.type=<type>}.
     *
     * @param image a tag loaded into the cluster (see {@link SwarmCluster#start})
     */
    public static ProxyContainer start(SwarmNode node, ProxyKind kind, String image, Path confDir, String type) {
        DockerClient docker = node.client();
        ExposedPort http = ExposedPort.tcp(80);
        String id = docker.createContainerCmd(image)
                .withName("berth-" + kind.rendererName() + "-" + type)
                .withLabels(Map.of(Topology.TYPE_LABEL, type))
                .withExposedPorts(http)
                .withHostConfig(HostConfig.newHostConfig()
                        .withNetworkMode(SwarmCluster.NETWORK)
                        .withBinds(Topology.configBind(kind, confDir))
                        .withPortBindings(new PortBinding(Ports.Binding.bindIp(node.address()), http)))
                .exec()
                .getId();
        docker.startContainerCmd(id).exec();
        Ports.Binding[] bindings = docker.inspectContainerCmd(id).exec()
                .getNetworkSettings().getPorts().getBindings().get(http);
        if (bindings == null || bindings.length == 0) {
            throw new IllegalStateException("the proxy container on " + node + " published no port for 80/tcp");
        }
        return new ProxyContainer(docker, kind, id, node.address(), Integer.parseInt(bindings[0].getHostPortSpec()));
    }

    /** Removes the proxy, whatever state it is in. */
    public static void remove(SwarmNode node, ProxyContainer proxy) {
        node.client().removeContainerCmd(proxy.id()).withForce(true).exec();
    }
}
