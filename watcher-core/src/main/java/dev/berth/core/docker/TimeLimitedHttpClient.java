package dev.berth.core.docker;

import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gives up on a request whose answer (status and headers) does not come within a time limit.
 * docker-java's response timeout is a socket read timeout, which its Unix socket ignores: against a
 * daemon that accepts connections but does not answer (stopped, deadlocked), a request would wait
 * forever. Here the request runs on a worker thread; at the limit the worker is interrupted, which
 * closes the socket channel it reads from and so ends the request.
 *
 * <p>The body is read by the caller after {@link #execute} returns: an event stream stays open as
 * long as it needs to.
 */
final class TimeLimitedHttpClient implements DockerHttpClient {

    private final DockerHttpClient http;
    private final Duration limit;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "berth-docker-request");
        thread.setDaemon(true);
        return thread;
    });

    TimeLimitedHttpClient(DockerHttpClient http, Duration limit) {
        this.http = http;
        this.limit = limit;
    }

    @Override
    public Response execute(Request request) {
        Future<Response> answer = workers.submit(() -> http.execute(request));
        try {
            return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (answer.cancel(true)) {
                throw new DockerClientException("the Docker daemon did not answer " + request.method() + " "
                        + request.path() + " within " + limit.toMillis() + " ms");
            }
            return result(answer); // it answered just in time
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new DockerClientException("interrupted while waiting for the Docker daemon");
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        }
    }

    private static Response result(Future<Response> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerClientException("interrupted while waiting for the Docker daemon");
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        }
    }

    private static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new DockerClientException(cause.getMessage(), cause);
    }

    @Override
    public void close() throws IOException {
        workers.shutdownNow();
        http.close();
    }
}
