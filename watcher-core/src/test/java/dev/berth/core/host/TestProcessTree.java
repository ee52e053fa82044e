package dev.berth.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.spi.ContainerControl.ProcessInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestProcessTree {

    @Test
    void listsAProcessThenItsChildrenAndTheirsWithTheirParents() throws Exception {
        // A master with two workers, one of which has a child of its own, as a proxy's cache loader might.
        Process master = new ProcessBuilder("bash", "-c",
                "sleep 600 & bash -c 'sleep 600 & echo started; wait' & wait").start();
        try {
            assertThat(new String(master.getInputStream().readNBytes(8))).isEqualTo("started\n");
            List<ProcessHandle> expected = master.descendants().toList();

            List<ProcessInfo> tree = new ProcessTree().of(master.toHandle());

            assertThat(tree.get(0)).isEqualTo(new ProcessInfo(master.pid(), ProcessHandle.current().pid()));
            assertThat(tree.subList(1, tree.size())).hasSize(3).containsExactlyInAnyOrderElementsOf(expected.stream()
                    .map(p -> new ProcessInfo(p.pid(), p.parent().orElseThrow().pid())).toList());
        } finally {
            master.descendants().forEach(ProcessHandle::destroyForcibly);
            master.destroyForcibly();
        }
    }

    @Test
    void aKernelWithoutListsOfChildrenAnswersNothing(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("100/task/100"));

        assertThat(new ProcessTree(proc).fromKernel(100, 1)).isEmpty();
    }

    @Test
    void aChildThatEndedWhileItWasReadHasNoChildren(@TempDir Path proc) throws Exception {
        Files.writeString(Files.createDirectories(proc.resolve("100/task/100")).resolve("children"), "200 ");
        Files.writeString(Files.createDirectories(proc.resolve("100/task/101")).resolve("children"), "");

        assertThat(new ProcessTree(proc).fromKernel(100, 1)).hasValue(List.of(new ProcessInfo(100, 1), new ProcessInfo(200, 100)));
    }
}
