package dev.berth.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print a script that completes berth's commands and options in bash or zsh "
                + "(with the plugins found now). Load it in the running shell with",
                "  source <(berth completion bash)",
                "or install it, e.g. as /etc/bash_completion.d/berth."})
final class CompletionCommand implements Callable<Integer> {

    /** The shells picocli's script serves: it is written for bash and loads bash's completion in zsh. */
    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("berth", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
