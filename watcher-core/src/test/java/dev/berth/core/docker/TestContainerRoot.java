package dev.berth.core.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestContainerRoot {

    @TempDir
    Path root;

    @Test
    void aPlainPathIsUnderTheRoot() throws Exception {
        Files.createDirectories(root.resolve("var/lib/haproxy"));

        assertThat(new ContainerRoot(root).resolve("/var/lib/haproxy")).isEqualTo(root.resolve("var/lib/haproxy"));
        assertThat(new ContainerRoot(root).resolve("/")).isEqualTo(root);
    }

    @Test
    void anAbsoluteLinkResolvesFromTheContainersRootNotTheHosts() throws Exception {
        Files.createDirectories(root.resolve("run/app"));
        Files.createDirectories(root.resolve("var"));
        Files.createSymbolicLink(root.resolve("var/run"), Path.of("/run"));

        assertThat(new ContainerRoot(root).resolve("/var/run/app")).isEqualTo(root.resolve("run/app"));
    }

    @Test
    void relativeLinksAndDotDotNeverLeaveTheRoot() throws Exception {
        Files.createDirectories(root.resolve("srv/data"));
        Files.createSymbolicLink(root.resolve("srv/current"), Path.of("data"));
        Files.createSymbolicLink(root.resolve("escape"), Path.of("../../../etc"));

        assertThat(new ContainerRoot(root).resolve("/srv/current")).isEqualTo(root.resolve("srv/data"));
        assertThat(new ContainerRoot(root).resolve("/../../etc")).isEqualTo(root.resolve("etc"));
        assertThat(new ContainerRoot(root).resolve("/escape")).isEqualTo(root.resolve("etc"));
    }

    @Test
    void aLinkLoopEndsAndAFileIsReadThroughLinks() throws Exception {
        Files.createSymbolicLink(root.resolve("a"), Path.of("/b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("/a"));
        Files.createDirectories(root.resolve("usr/etc"));
        Files.writeString(root.resolve("usr/etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/usr/etc"));

        assertThat(new ContainerRoot(root).resolve("/a")).as("given up inside the root").startsWithRaw(root);
        assertThat(new ContainerRoot(root).read("/etc/passwd")).hasValue("root:x:0:0::/root:/bin/sh\n");
        assertThat(new ContainerRoot(root).read("/etc/group")).isEmpty();
    }
}
