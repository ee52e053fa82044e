package dev.berth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spi.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
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

    @Test
    void replacesTheFileByARenameSoThatAReaderSeesTheOldOrTheNewTextNeverAMix() throws Exception {
        Path path = dir.resolve("web.conf");
        ConfigFile file = new ConfigFile(path);
        String a = "a".repeat(1 << 20);
        String b = "b".repeat(1 << 20);
        file.write(a);

        Thread writer = new Thread(() -> {
            for (int i = 0; i < 20; i++) {
                file.write(i % 2 == 0 ? b : a);
            }
        });
        writer.start();
        int reads = 0;
        while (writer.isAlive() || reads == 0) {
            String seen = Files.readString(path);
            assertThat(seen.equals(a) || seen.equals(b)).as("read %d is one whole text", reads).isTrue();
            reads++;
        }
        writer.join();
    }

    @Test
    void aReaderThatOpenedTheOldFileKeepsTheOldTextWhileNewReadersGetTheNewOne() throws Exception {
        Path path = dir.resolve("web.conf");
        ConfigFile file = new ConfigFile(path);
        file.write("old\n");
        Object inode = Files.getAttribute(path, "unix:ino");

        try (var reader = Files.newBufferedReader(path)) {
            file.write("new\n");

            assertThat(reader.readLine()).isEqualTo("old");
            assertThat(Files.readString(path)).isEqualTo("new\n");
            assertThat(Files.getAttribute(path, "unix:ino")).as("a new file took the name").isNotEqualTo(inode);
        }
    }

    @Test
    void restorePutsBackTheExactBytesOrRemovesAFileThatWasNotThere() throws Exception {
        Path path = dir.resolve("web.conf");
        ConfigFile file = new ConfigFile(path);
        byte[] odd = {'o', 'l', 'd', (byte) 0xff, '\n'};
        Files.write(path, odd);

        var before = file.read();
        file.write("new\n");
        file.restore(before);
        assertThat(Files.readAllBytes(path)).isEqualTo(odd);

        file.restore(Optional.empty());
        assertThat(path).doesNotExist();
    }
}
