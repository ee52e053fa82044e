package dev.berth.core.docker;

import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.telemetry.Telemetry;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One stream of events for a {@link DockerSource} to follow: which events (the filters set on the
 * command), and what to do with each, on docker-java's stream thread (so quickly). All streams of a
 * source share one life: when one ends, all are set up again.
 *
 * @param what names the stream in messages ("container", "network", "service" …)
 */
public record EventSubscription(String what, UnaryOperator<EventsCmd> filters, Consumer<Event> onEvent) {

    /**
     * The containers' streams. Network events carry the network's labels, not the container's: a
     * separate, unfiltered subscription; the inspection of the container they name decides whether it matters.
     */
    static List<EventSubscription> containers(List<LabelFilter> filters, DockerSource.Listener listener, Telemetry telemetry) {
        String[] labels = filters.stream().map(LabelFilter::toDockerFilter).toArray(String[]::new);
        return List.of(
                new EventSubscription("network", cmd -> cmd.withEventTypeFilter(EventType.NETWORK).withEventFilter("connect", "disconnect"),
                        event -> {
                            telemetry.eventReceived("network", event.getAction());
                            ContainerEvent.ofNetwork(event.getAction(), attributes(event)).ifPresent(listener::containerChanged);
                        }),
                new EventSubscription("container", cmd -> cmd.withEventTypeFilter(EventType.CONTAINER).withLabelFilter(labels),
                        event -> {
                            if (event.getActor() == null || event.getActor().getId() == null) {
                                return;
                            }
                            ContainerEvent copy = ContainerEvent.of(event.getAction(), event.getActor().getId(), attributes(event));
                            telemetry.eventReceived("container", copy.action());
                            if (copy.relevant()) {
                                listener.containerChanged(copy);
                            }
                        }));
    }

    /** The event's Actor attributes (labels among them); empty when none. */
    public static Map<String, String> attributes(Event event) {
        Map<String, String> attributes = event.getActor() == null ? null : event.getActor().getAttributes();
        return attributes == null ? Map.of() : attributes;
    }
}
