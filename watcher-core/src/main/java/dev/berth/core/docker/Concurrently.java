package dev.berth.core.docker;

import com.github.dockerjava.api.exception.DockerClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Maps a list on a few short-lived threads and answers the results in the list's order. A full
 * resync inspects every selected container; the daemon answers each in well under a millisecond,
 * so the time goes into reading the answers, which a few threads share out.
 */
final class Concurrently {

    private Concurrently() {
    }

    /** {@code function} applied to every item, at most {@code threads} at a time; the first failure is thrown. */
    static <T, R> List<R> map(List<T> items, int threads, Function<T, R> function) {
        if (items.size() <= 1 || threads <= 1) {
            return items.stream().map(function).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), r -> {
            Thread thread = new Thread(r, "berth-docker-resync");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<R>> answers = new ArrayList<>();
            for (T item : items) {
                answers.add(pool.submit(() -> function.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> answer : answers) {
                results.add(answer.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerClientException("interrupted while reading containers from Docker");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new DockerClientException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
