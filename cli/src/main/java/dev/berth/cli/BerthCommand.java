package dev.berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "berth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Keeps a reverse proxy's upstreams in step with the containers Docker runs.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"",
                "Exit codes: 0 ok, 1 internal error, 2 usage error, 3 configuration or",
                "template error, 4 Docker unreachable, 130 interrupted.",
                "Docker is found as the docker CLI finds it: DOCKER_HOST, DOCKER_TLS_VERIFY,",
                "DOCKER_CERT_PATH."})
final class BerthCommand {

    /** Already read by {@link Main} before the command line was built; declared so that it parses. */
    @Mixin
    PluginPathOption pluginPath;
}
