package dev.berth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import dev.berth.core.testing.Snapshots;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestExplanation {

    @Test
    void listsEveryServedContainerWithItsAddressAndEveryOneLeftOutWithItsReason() {
        Snapshot snapshot = new Snapshot(List.of(
                new Upstream("web", List.of(
                        Snapshots.backend("web-2", "fd00::4", 5090, 5, false),
                        Snapshots.backend("web-1", "172.18.0.3", 5090, 0, true))),
                new Upstream("api", List.of())),
                List.of(new Exclusion("0123456789abcdef", "web-3", Exclusion.Kind.STATE, "not running (exited)"),
                        new Exclusion("fedcba9876543210", "web-0", Exclusion.Kind.STATE,
                                "draining: it received SIGTERM or SIGINT (docker stop) and gets no new request")));
        String web1 = Snapshots.backend("web-1", "172.18.0.3", 5090, 0, true).containerId().substring(0, 12);
        String web2 = Snapshots.backend("web-2", "fd00::4", 5090, 5, false).containerId().substring(0, 12);

        assertThat(Explanation.of(snapshot)).isEqualTo("""
                4 containers matched the selection: 2 served, 2 left out

                upstream api: no container serves it

                upstream web
                  served    web-1 (%s)  172.18.0.3:5090  backup
                  served    web-2 (%s)  [fd00::4]:5090  weight 5

                left out
                  left out  web-0 (fedcba987654)  draining: it received SIGTERM or SIGINT (docker stop) and gets no new request
                  left out  web-3 (0123456789ab)  not running (exited)
                """.formatted(web1, web2));
    }

    @Test
    void printsTheRoutingTableInTheOrderTheProxiesMatchIt() {
        String explanation = Explanation.of(Snapshots.routed());

        assertThat(explanation).startsWith("""
                4 containers matched the selection: 4 served, 0 left out

                routes (host, path -> group -> servers; another host name gets 503)
                  app.example.com /api/  -> api  -> 172.18.0.5:9000
                  app.example.com /  -> web  -> 172.18.0.3:80, 172.18.0.4:80
                  shop.example.com /cart  -> shop  -> 172.18.0.6:80
                  shop.example.com (any other path)  -> 404
                  *.example.org /  -> web  -> 172.18.0.3:80, 172.18.0.4:80

                upstream api
                """);
    }

    @Test
    void saysSoWhenNothingMatched() {
        assertThat(Explanation.of(Snapshot.EMPTY)).isEqualTo("0 containers matched the selection: 0 served, 0 left out\n");
    }

    @Test
    void aGroupTheProxyRejectedShowsItsContainersLeftOutWithTheProxysErrorOnOneLine() {
        Snapshot wanted = new Snapshot(List.of(new Upstream("spare", List.of(Snapshots.backend("spare-1", "172.18.0.7", 80, 0, true)))), List.of());
        String id = Snapshots.backend("spare-1", "172.18.0.7", 80, 0, true).containerId().substring(0, 12);

        Snapshot effect = Narrowing.leaveOut(wanted, Optional.empty(), List.of(new Narrowing.LeftOut("spare", Optional.of(wanted.upstreams().get(0)),
                "[emerg] no servers in upstream \"spare\"\n in /etc/nginx/conf.d/web.conf:6\u001b[0m")));

        assertThat(Explanation.of(effect)).isEqualTo("""
                1 containers matched the selection: 0 served, 1 left out

                left out
                  left out  spare-1 (%s)  upstream spare is left out: the proxy rejected it: [emerg] no servers in upstream "spare" in /etc/nginx/conf.d/web.conf:6 [0m
                """.formatted(id));
    }
}
