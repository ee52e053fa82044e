package dev.berth.core.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Engine's JSON for services and tasks, as Engine 20.10 answers it (trimmed). */
final class TestSwarmJson {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aReplicatedServiceWithItsLabelsReplicasUpdateAndPorts() throws Exception {
        SwarmService service = SwarmJson.service(json.readTree("""
                {"ID":"fijt9eb7o4np","Spec":{"Name":"web","Labels":{"com.example.type":"web","berth.port":"5090"},
                 "Mode":{"Replicated":{"Replicas":3}},
                 "EndpointSpec":{"Ports":[{"Protocol":"tcp","TargetPort":5090,"PublishedPort":8080},
                                          {"Protocol":"udp","TargetPort":53,"PublishedPort":53}]}},
                 "UpdateStatus":{"State":"updating"}}
                """));

        assertThat(service).isEqualTo(new SwarmService("fijt9eb7o4np", "web",
                Map.of("com.example.type", "web", "berth.port", "5090"), OptionalInt.of(3), true, Set.of(5090)));
    }

    @Test
    void aGlobalServiceWhoseUpdateCompleted() throws Exception {
        SwarmService service = SwarmJson.service(json.readTree("""
                {"ID":"g1","Spec":{"Name":"agent","Mode":{"Global":{}}},"UpdateStatus":{"State":"completed"}}
                """));

        assertThat(service.replicas()).isEmpty();
        assertThat(service.updating()).isFalse();
        assertThat(service.labels()).isEmpty();
    }

    @Test
    void aTaskWithItsAddressesPerNetworkWithoutPrefixLength() throws Exception {
        SwarmTask task = SwarmJson.task(json.readTree("""
                {"ID":"quei3mto61b8","ServiceID":"fijt9eb7o4np","Slot":1,"NodeID":"rsifnsyi7xi3",
                 "Status":{"State":"running","ContainerStatus":{"ContainerID":"68b0b0b98edf"}},"DesiredState":"running",
                 "NetworksAttachments":[
                   {"Network":{"ID":"in1","Spec":{"Name":"ingress","Ingress":true}},"Addresses":["10.0.0.7/24"]},
                   {"Network":{"ID":"l79ryixpimrx","Spec":{"Name":"webnet"}},"Addresses":["10.0.1.4/24","fd00::4/64"]}]}
                """));

        assertThat(task).isEqualTo(new SwarmTask("quei3mto61b8", "fijt9eb7o4np", 1, "rsifnsyi7xi3", "running", "running", List.of(
                new SwarmTask.TaskAddress("in1", "ingress", true, "10.0.0.7", ""),
                new SwarmTask.TaskAddress("l79ryixpimrx", "webnet", false, "10.0.1.4", "fd00::4"))));
        assertThat(task.serving()).isTrue();
    }

    @Test
    void aTaskNotYetOnAnyNetwork() throws Exception {
        SwarmTask task = SwarmJson.task(json.readTree("""
                {"ID":"t","ServiceID":"s","Slot":2,"Status":{"State":"pending"},"DesiredState":"running"}
                """));

        assertThat(task.addresses()).isEmpty();
        assertThat(task.serving()).isFalse();
        assertThat(task.nodeId()).isEmpty();
    }
}
