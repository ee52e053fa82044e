package dev.berth.core.sync;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the groups whose change the proxy rejects, so that one bad group never blocks the others.
 * A group the proxy's error points at (its file and line) is left out first; else the changed groups
 * are halved until one is found whose change alone the proxy rejects. "Left out" means the group
 * stays as the proxy last accepted it, or stays away if it was not there: the proxy's own
 * configuration may name it, so it is never just dropped. Everything else goes into effect.
 *
 * <p>Pure: the proxy is a {@link Checker}, which in {@link SyncPipeline} renders, writes and
 * checks a candidate. A candidate that changes nothing the proxy accepted is never checked: it is
 * what the proxy runs.
 */
public final class Narrowing {

    /** Each try is a render, a write and the proxy's check: bounded, so that a pass stays short. */
    public static final int DEFAULT_MAX_CHECKS = 24;

    /** The proxy's verdict on a candidate: empty when it accepts it. */
    @FunctionalInterface
    public interface Checker {
        Optional<Rejection> check(Snapshot candidate);
    }

    /**
     * @param error the proxy's own error, one line
     * @param group the group whose part of the file holds the line the error names, if it names one
     */
    public record Rejection(String error, Optional<String> group) {
    }

    /**
     * A group left out.
     *
     * @param rejected the group as the proxy rejected it (empty: the change was its removal)
     */
    public record LeftOut(String group, Optional<Upstream> rejected, String error) {

        /** Whether the group still holds what the proxy rejected: it is tried again only once it changes. */
        public boolean stillRejectedIn(Snapshot wanted) {
            return rejected.equals(upstream(wanted, group));
        }
    }

    /**
     * @param effect what goes into effect, the last candidate checked and accepted; empty when
     *     nothing of the change can be salvaged and the last good file stays
     * @param leftOut the groups left out, in the order they were found
     */
    public record Outcome(Optional<Snapshot> effect, List<LeftOut> leftOut, int checks) {
    }

    private final Checker checker;
    private final int maxChecks;
    private int checks;

    public Narrowing(Checker checker) {
        this(checker, DEFAULT_MAX_CHECKS);
    }

    public Narrowing(Checker checker, int maxChecks) {
        this.checker = checker;
        this.maxChecks = maxChecks;
    }

    /**
     * @param accepted what the proxy last accepted (empty: unknown, as at Berth's start)
     * @param wanted the snapshot the proxy rejected
     * @param rejection the proxy's verdict on it
     */
    public Outcome narrow(Optional<Snapshot> accepted, Snapshot wanted, Rejection rejection) {
        checks = 0;
        try {
            return leaveOutUntilAccepted(accepted, wanted, rejection);
        } catch (OutOfChecks e) {
            return new Outcome(Optional.empty(), List.of(), checks); // nothing is held: the next change tries again
        }
    }

    private Outcome leaveOutUntilAccepted(Optional<Snapshot> accepted, Snapshot wanted, Rejection rejection) {
        List<LeftOut> leftOut = new ArrayList<>();
        Rejection last = rejection;
        Snapshot candidate = wanted;
        while (true) {
            List<String> changed = changedGroups(accepted, candidate);
            if (changed.isEmpty()) {
                // What the proxy accepted before, it rejects now: the fault is not in a group.
                return new Outcome(Optional.empty(), List.of(), checks);
            }
            Optional<String> blamed = last.group().filter(changed::contains);
            leftOut.add(blamed.isPresent()
                    ? new LeftOut(blamed.get(), upstream(wanted, blamed.get()), last.error())
                    : halve(accepted, candidate, changed, last));
            candidate = leaveOut(wanted, accepted, leftOut);
            if (changedGroups(accepted, candidate).isEmpty()) {
                return new Outcome(Optional.empty(), List.copyOf(leftOut), checks);
            }
            Optional<Rejection> verdict = check(candidate);
            if (verdict.isEmpty()) {
                return new Outcome(Optional.of(candidate), List.copyOf(leftOut), checks);
            }
            last = verdict.get();
        }
    }

    /**
     * One changed group whose change alone the proxy rejects, on top of the others' that it accepts:
     * the first half of the suspects goes in with what is known good; rejected, the culprit is in
     * it, else in the other half.
     */
    private LeftOut halve(Optional<Snapshot> accepted, Snapshot candidate, List<String> changed, Rejection rejection) {
        List<String> suspects = changed;
        Set<String> good = new LinkedHashSet<>();
        String error = rejection.error();
        while (suspects.size() > 1) {
            List<String> half = suspects.subList(0, suspects.size() / 2);
            Set<String> apart = new LinkedHashSet<>(changed);
            apart.removeAll(good);
            half.forEach(apart::remove);
            Optional<Rejection> verdict = check(revert(candidate, accepted, apart));
            if (verdict.isPresent()) {
                suspects = half;
                error = verdict.get().error();
            } else {
                good.addAll(half);
                suspects = suspects.subList(half.size(), suspects.size());
            }
        }
        String culprit = suspects.get(0);
        return new LeftOut(culprit, upstream(candidate, culprit), error);
    }

    private Optional<Rejection> check(Snapshot candidate) {
        if (checks >= maxChecks) {
            throw new OutOfChecks();
        }
        checks++;
        return checker.check(candidate);
    }

    /** The checks of one narrowing are spent. */
    private static final class OutOfChecks extends RuntimeException {
        OutOfChecks() {
            super(null, null, false, false);
        }
    }

    /**
     * The wanted snapshot with these groups left out, and each of their containers that no longer
     * serves among the exclusions, with the proxy's error as the reason.
     */
    public static Snapshot leaveOut(Snapshot wanted, Optional<Snapshot> accepted, Collection<LeftOut> leftOut) {
        if (leftOut.isEmpty()) {
            return wanted;
        }
        Snapshot reverted = revert(wanted, accepted, leftOut.stream().map(LeftOut::group).toList());
        List<Exclusion> exclusions = new ArrayList<>(wanted.exclusions());
        for (LeftOut out : leftOut) {
            Set<String> stillServing = upstream(reverted, out.group()).map(Upstream::backends).orElse(List.of()).stream()
                    .map(Backend::containerId).collect(Collectors.toSet());
            for (Backend backend : upstream(wanted, out.group()).map(Upstream::backends).orElse(List.of())) {
                if (!stillServing.contains(backend.containerId())) {
                    exclusions.add(new Exclusion(backend.containerId(), backend.containerName(), Exclusion.Kind.CONFIGURATION,
                            "upstream " + out.group() + " is left out: the proxy rejected it: " + oneLine(out.error())));
                }
            }
        }
        return new Snapshot(reverted.upstreams(), exclusions);
    }

    /** These groups as the proxy last accepted them, or absent if it did not have them. */
    private static Snapshot revert(Snapshot candidate, Optional<Snapshot> accepted, Collection<String> groups) {
        Map<String, Upstream> upstreams = byName(candidate);
        Map<String, Upstream> before = accepted.map(Narrowing::byName).orElse(Map.of());
        for (String group : groups) {
            upstreams.remove(group);
            if (before.containsKey(group)) {
                upstreams.put(group, before.get(group));
            }
        }
        return new Snapshot(List.copyOf(upstreams.values()), candidate.exclusions());
    }

    /** The groups that differ from what the proxy accepted (all of them when that is unknown), in a stable order. */
    public static List<String> changedGroups(Optional<Snapshot> accepted, Snapshot candidate) {
        Map<String, Upstream> now = byName(candidate);
        if (accepted.isEmpty()) {
            return List.copyOf(now.keySet());
        }
        Map<String, Upstream> before = byName(accepted.get());
        Set<String> names = new LinkedHashSet<>(now.keySet());
        names.addAll(before.keySet());
        return names.stream().filter(n -> !Objects.equals(now.get(n), before.get(n))).toList();
    }

    private static Map<String, Upstream> byName(Snapshot snapshot) {
        return snapshot.upstreams().stream().collect(Collectors.toMap(Upstream::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    private static Optional<Upstream> upstream(Snapshot snapshot, String group) {
        return snapshot.upstreams().stream().filter(u -> u.name().equals(group)).findFirst();
    }

    /**
     * The line of the file named {@code fileName} that the proxy's error points at: nginx's
     * "… in /etc/nginx/conf.d/web.conf:11", HAProxy's "[/usr/local/etc/haproxy/haproxy.cfg:23]".
     * Only the file's name is compared: the error gives its path inside the proxy's container.
     */
    public static OptionalInt lineIn(String error, String fileName) {
        Matcher m = Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(fileName) + ":(\\d{1,9})(?!\\d)").matcher(error);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** A reason is one visible line (templates print them in comments): no line break, control or format character. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\s\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]+", " ").strip();
    }
}
