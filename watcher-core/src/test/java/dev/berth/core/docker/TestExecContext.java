package dev.berth.core.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What docker exec runs a command with, resolved as runc resolves it (outputs seen from Docker 20.10). */
final class TestExecContext {

    private static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            nginx:x:101:101:nginx user:/nonexistent:/bin/false
            haproxy:x:99:99::/var/lib/haproxy:/usr/sbin/nologin
            member:x:1000:1000::/home/member:/bin/sh
            """;
    private static final String GROUP = """
            root:x:0:
            haproxy:x:99:
            nogroup:x:65534:
            member:x:1000:
            audio:x:29:member
            wheel:x:10:root
            """;
    private static final Function<String, Optional<String>> FILES = files(Map.of("/etc/passwd", PASSWD, "/etc/group", GROUP));
    private static final Function<String, Optional<String>> NO_FILES = files(Map.of());

    @Test
    void theOfficialHaproxyImagesUserIsResolvedByNameWithItsHome() {
        ExecContext exec = ExecContext.of("haproxy", List.of("PATH=/usr/local/sbin:/usr/bin"), "4a39b1f6f1f0",
                "/var/lib/haproxy", FILES).orElseThrow();

        assertThat(exec.uid()).isEqualTo(99);
        assertThat(exec.gid()).isEqualTo(99);
        assertThat(exec.workingDirectory()).isEqualTo("/var/lib/haproxy");
        assertThat(exec.environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PATH", "/usr/local/sbin:/usr/bin", "HOSTNAME", "4a39b1f6f1f0", "HOME", "/var/lib/haproxy"));
    }

    @Test
    void noUserIsRootInTheRootDirectoryWithDockersPath() {
        ExecContext exec = ExecContext.of("", List.of(), "host", "", FILES).orElseThrow();

        assertThat(exec.uid()).isZero();
        assertThat(exec.gid()).isZero();
        assertThat(exec.workingDirectory()).isEqualTo("/");
        assertThat(exec.environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PATH", ExecContext.DEFAULT_PATH, "HOSTNAME", "host", "HOME", "/root"));
    }

    @Test
    void anImageWithoutPasswdRunsRootWithHomeSlashAndAnyNumericUser() {
        assertThat(ExecContext.of(null, List.of(), "h", "/", NO_FILES).orElseThrow().environment())
                .containsEntry("HOME", "/");
        ExecContext numeric = ExecContext.of("1234", List.of(), "h", "/", NO_FILES).orElseThrow();
        assertThat(numeric.uid()).isEqualTo(1234);
        assertThat(numeric.gid()).as("runc's default group").isZero();
        assertThat(numeric.environment()).containsEntry("HOME", "/");
    }

    @Test
    void aNumericUserInPasswdTakesItsGroupAndHome() {
        ExecContext exec = ExecContext.of("101", List.of(), "h", "/", FILES).orElseThrow();

        assertThat(exec.gid()).isEqualTo(101);
        assertThat(exec.environment()).containsEntry("HOME", "/nonexistent");
    }

    @Test
    void aGroupIsGivenByNameOrNumber() {
        assertThat(ExecContext.of("haproxy:nogroup", List.of(), "h", "/", FILES).orElseThrow().gid()).isEqualTo(65534);
        assertThat(ExecContext.of("1234:4321", List.of(), "h", "/", FILES).orElseThrow().gid()).isEqualTo(4321);
    }

    @Test
    void theContainersEnvironmentWinsOverDockersDefaults() {
        ExecContext exec = ExecContext.of("haproxy", List.of("HOME=/elsewhere", "HOSTNAME=mine", "EMPTY=", "A=b=c"),
                "h", "/", FILES).orElseThrow();

        assertThat(exec.environment()).containsEntry("HOME", "/elsewhere").containsEntry("HOSTNAME", "mine")
                .containsEntry("EMPTY", "").containsEntry("A", "b=c");
    }

    @Test
    void whatDockerExecRefusesIsNotRunByNsenterEither() {
        assertThat(ExecContext.of("nosuch", List.of(), "h", "/", FILES)).as("unable to find user nosuch").isEmpty();
        assertThat(ExecContext.of("haproxy:nosuch", List.of(), "h", "/", FILES)).as("unable to find group nosuch").isEmpty();
        assertThat(ExecContext.of("haproxy", List.of(), "h", "/", NO_FILES)).as("no passwd to find a name in").isEmpty();
    }

    @Test
    void aUserWithSupplementaryGroupsIsLeftToDockerExecWhichSetsThemAndNsenterCannot() {
        assertThat(ExecContext.of("member", List.of(), "h", "/", FILES)).isEmpty();
        assertThat(ExecContext.of("member:member", List.of(), "h", "/", FILES))
                .as("an explicit group is the only one").isPresent();
        assertThat(ExecContext.of("root", List.of(), "h", "/", FILES))
                .as("root's groups do not limit what it may read").isPresent();
    }

    private static Function<String, Optional<String>> files(Map<String, String> files) {
        return path -> Optional.ofNullable(files.get(path));
    }
}
