package dev.berth.core.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.core.SSLConfig;
import java.net.URI;

/**
 * A Docker client configuration that hands every client made from it the same JSON mapper. docker-java
 * gives each client a fresh copy of its mapper otherwise, and each copy builds its deserializers for the
 * same large models again (see {@link DockerConnection#prepareJson}).
 */
record OneMapperConfig(DockerClientConfig config, ObjectMapper mapper) implements DockerClientConfig {

    OneMapperConfig(DockerClientConfig config) {
        this(config, config.getObjectMapper());
    }

    @Override
    public ObjectMapper getObjectMapper() {
        return mapper;
    }

    @Override
    public URI getDockerHost() {
        return config.getDockerHost();
    }

    @Override
    public RemoteApiVersion getApiVersion() {
        return config.getApiVersion();
    }

    @Override
    public String getRegistryUsername() {
        return config.getRegistryUsername();
    }

    @Override
    public String getRegistryPassword() {
        return config.getRegistryPassword();
    }

    @Override
    public String getRegistryEmail() {
        return config.getRegistryEmail();
    }

    @Override
    public String getRegistryUrl() {
        return config.getRegistryUrl();
    }

    @Override
    public AuthConfig effectiveAuthConfig(String imageName) {
        return config.effectiveAuthConfig(imageName);
    }

    @Override
    public AuthConfigurations getAuthConfigurations() {
        return config.getAuthConfigurations();
    }

    @Override
    public SSLConfig getSSLConfig() {
        return config.getSSLConfig();
    }
}
