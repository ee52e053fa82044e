package dev.berth.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TestLauncherOptions {

    private final Path here = Path.of("/opt/berth");

    @Test
    void aLauncherWithoutOptionsGivesNone() {
        assertThat(LauncherOptions.parse("exec java -jar \"$jar\" \"$@\"", here)).isEmpty();
    }

    @Test
    void theOptionsAreTheWordsBetweenJavaAndJar() {
        assertThat(LauncherOptions.parse("exec java -Xss512k -XX:+UseSerialGC -jar \"$jar\" \"$@\"", here))
                .containsExactly("-Xss512k", "-XX:+UseSerialGC");
    }

    @Test
    void theLaunchersFolderStandsForHere() {
        assertThat(LauncherOptions.parse("exec java -XX:SharedArchiveFile=\"$here/cli/target/berth.jsa\" -jar \"$jar\"", here))
                .containsExactly("-XX:SharedArchiveFile=/opt/berth/cli/target/berth.jsa");
    }

    @Test
    void anArrayStandsForItsFirstDefinitionInTheScript() {
        Map<String, String> arrays = Map.of("tuning", "-XX:+UseSerialGC -Xms8m",
                "sharing", "-XX:SharedArchiveFile=\"$here/cli/target/berth.jsa\" -Xlog:cds*=off");
        assertThat(LauncherOptions.parse("exec \"$java\" \"${tuning[@]}\" \"${sharing[@]}\" -jar \"$jar\" \"$@\"", arrays, here))
                .containsExactly("-XX:+UseSerialGC", "-Xms8m", "-XX:SharedArchiveFile=/opt/berth/cli/target/berth.jsa",
                        "-Xlog:cds*=off");
    }

    @Test
    void anUnknownArrayCannotBeResolvedAndSaysSo() {
        assertThatThrownBy(() -> LauncherOptions.parse("exec java \"${extra[@]}\" -jar \"$jar\"", Map.of(), here))
                .hasMessageContaining("${extra[@]}");
    }

    @Test
    void anOtherVariableCannotBeResolvedAndSaysSo() {
        assertThatThrownBy(() -> LauncherOptions.parse("exec java $JAVA_OPTS -jar \"$jar\"", here))
                .hasMessageContaining("$JAVA_OPTS");
    }

    @Test
    void aLineThatDoesNotRunAJarIsRejected() {
        assertThatThrownBy(() -> LauncherOptions.parse("exec java -version", here)).hasMessageContaining("not an");
    }

    @Test
    void theCheckoutsLauncherIsFoundFromItsJar() {
        assertThat(LauncherOptions.launcherOf(Path.of("/src/berth/cli/target/berth.jar"))).isEqualTo(Path.of("/src/berth/berth"));
    }
}
