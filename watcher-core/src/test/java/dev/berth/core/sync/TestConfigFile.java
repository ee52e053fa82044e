package dev.berth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spi.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestConfigFile {

    @TempDir
    Path dir;

    @Test
    void writesANewFileWithMode0644() throws Exception {
        ConfigFile file = new ConfigFile(dir.resolve("web.conf"));

        assertThat(file.write("upstream web {}\n")).isTrue();

        assertThat(Files.readString(dir.resolve("web.conf"))).isEqualTo("upstream web {}\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("web.conf")))).isEqualTo("rw-r--r--");
    }

    @Test
    void doesNotTouchAFileThatAlreadyHoldsTheText() throws Exception {
        Path path = dir.resolve("web.conf");
        ConfigFile file = new ConfigFile(path);
        file.write("same\n");
        var before = Files.getLastModifiedTime(path);
        Thread.sleep(20);

        assertThat(file.write("same\n")).isFalse();
        assertThat(Files.getLastModifiedTime(path)).isEqualTo(before);
    }

    @Test
    void keepsTheModeOfAnExistingFileAndLeavesNoTemporaryFile() throws Exception {
        Path path = dir.resolve("web.conf");
        Files.writeString(path, "old\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));

        new ConfigFile(path).write("new\n");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-rw----");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(path);
        }
    }

    @Test
    void aMissingFolderIsAClearErrorBeforeAnythingStarts() {
        ConfigFile file = new ConfigFile(dir.resolve("missing/web.conf"));

        assertThatThrownBy(file::checkWritable).isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing").hasMessageContaining("does not exist");
    }
}
