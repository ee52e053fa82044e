package dev.berth.haproxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.haproxy.runtime.ConfigServers.Server;
import dev.berth.haproxy.runtime.ServersState.Running;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HAProxy 2.6's replies, as its CLI gives them, read as text; and the commands that make the running servers match the file. */
final class TestRuntimeReplies {

    /** {@code show servers state} after slot2 was made ready at 127.0.0.1:18997 and slot1 left as the file made it. */
    private static final String STATE = """
            1
            # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port
            3 b 1 s1 127.0.0.1 0 5 1 1 1 1 0 0 14 0 0 0 - 1 - 0 0 - - 0
            3 b 2 s2 127.0.0.1 2 4 1 1 1 1 0 2 6 0 0 0 - 18997 - 0 0 - - 0
            3 b 3 s3 10.0.0.7 2 8 3 3 1 1 0 2 6 0 0 0 - 80 - 0 0 - - 0

            """;

    @Test
    void aServerStateIsReadByItsHeaderAndTheConfigurationsOwnMaintenanceFlagDoesNotCount() {
        assertThat(ServersState.parse(STATE)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "b/s1", new Running("127.0.0.1", 1, 1, true, false),
                "b/s2", new Running("127.0.0.1", 18997, 1, false, false),
                "b/s3", new Running("10.0.0.7", 80, 3, false, true)));
    }

    @Test
    void aReplyThatIsNoServerStateIsRefused() {
        assertThatThrownBy(() -> ServersState.parse("Unknown command: 'show servers stat'\n\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown command");
    }

    @Test
    void anAddressChangeIsReadFromItsWordsAndOtherCommandsWorkWhenSilent() {
        Command addr = new Command("set server b/s2 addr 127.0.0.1 port 18997");
        Command ready = new Command("set server b/s2 state ready");

        assertThat(addr.worked("no need to change the addr, port changed from '1' to '18997' by 'stats socket command'\n\n")).isTrue();
        assertThat(addr.worked("IP changed from '127.0.0.1' to '10.0.0.5', port changed from '1' to '80' by 'stats socket command'\n")).isTrue();
        assertThat(addr.worked("Invalid addr '1.2.3' by 'stats socket command'\n\n")).isFalse();
        assertThat(ready.worked("\n")).isTrue();
        assertThat(ready.worked("No such server.\n\n")).isFalse();
    }

    @Test
    void aSlotToFreeLeavesServiceBeforeAnythingElseAndASlotToTakeGetsItsAddressAndWeightBeforeItIsReady() {
        List<Server> file = List.of(
                new Server("b", "s1", "10.0.0.9", 8080, 4, false),
                new Server("b", "s2", "127.0.0.1", 1, 1, true),
                new Server("b", "s3", "10.0.0.7", 80, 3, false));

        assertThat(Command.toMatch(file, ServersState.parse(STATE))).hasValue(List.of(
                new Command("set server b/s2 state maint"),
                new Command("set server b/s1 addr 10.0.0.9 port 8080"),
                new Command("set server b/s1 weight 4"),
                new Command("set server b/s1 state ready"),
                new Command("set server b/s2 addr 127.0.0.1 port 1"),
                new Command("set server b/s3 state ready")));
    }

    @Test
    void aServerOfTheFileThatDoesNotRunMeansAnotherConfigurationRuns() {
        List<Server> file = List.of(new Server("b", "s4", "127.0.0.1", 1, 1, true));

        assertThat(Command.toMatch(file, ServersState.parse(STATE))).isEmpty();
    }

    @Test
    void theAnswersToCommandsSentOnOneLineAreToldApart() {
        // HAProxy 2.6.12's answer to six commands on one line: addr, weight, state ready, an unknown server, a bad addr, weight.
        String answer = "IP changed from '127.0.0.1' to '10.0.0.2', port changed from '1' to '80' by 'stats socket command'\n\n"
                + "\n\nNo such server.\n\nInvalid addr '10.0.0.300' by 'stats socket command'\n\n\n";

        assertThat(Command.replies(answer)).containsExactly(
                "IP changed from '127.0.0.1' to '10.0.0.2', port changed from '1' to '80' by 'stats socket command'",
                "", "", "No such server.", "Invalid addr '10.0.0.300' by 'stats socket command'", "");
        assertThat(Command.replies("\nIP changed from '10.0.0.2' to '127.0.0.1', port changed from '80' to '1' by 'stats socket command'\n\n"))
                .as("state maint, then addr").hasSize(2).first().isEqualTo("");
    }
}
