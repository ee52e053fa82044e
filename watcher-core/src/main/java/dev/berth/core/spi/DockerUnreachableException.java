package dev.berth.core.spi;

/** The Docker Engine did not answer (exit 4). */
public final class DockerUnreachableException extends BerthException {
    public DockerUnreachableException(String message, Throwable cause) {
        super(DOCKER_UNREACHABLE, message, cause);
    }
}
