package io.woolguard.benchmarks.load;

import io.woolguard.benchmarks.traffic.Actor;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The measured outcome of one load phase. Latencies are in microseconds; in open loop they run
 * from each request's <em>intended</em> send time, so a stalled server is charged for the requests
 * it delayed (no coordinated omission).
 *
 * @param label        what ran, e.g. {@code decisions closed x32}
 * @param endpoint     the path driven
 * @param targetRate   the intended rate (open loop), or 0 for flat out
 * @param elapsedNanos from the first send to the last completion
 * @param degraded     decisions answered with {@code "degraded":true} (made without some input, or cut
 *                     short by the time budget)
 */
public record LoadResult(String label, String endpoint, double targetRate, long elapsedNanos, long requests,
                         Histogram latencyMicros, Map<Integer, Long> statuses, Map<String, Long> errors,
                         long[][] outcomes, long degraded) {

    static LoadResult of(String label, String endpoint, double targetRate, long elapsedNanos, Tally tally) {
        return new LoadResult(label, endpoint, targetRate, elapsedNanos, tally.requests, tally.latencyMicros,
                Map.copyOf(tally.statuses), Map.copyOf(tally.errors), tally.outcomes, tally.degraded);
    }

    /** Completed requests (any status) per second. */
    public double throughput() {
        return elapsedNanos == 0 ? 0 : requests * 1e9 / elapsedNanos;
    }

    /** Requests answered 2xx per second. */
    public double successThroughput() {
        long ok = statuses.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(Map.Entry::getValue).sum();
        return elapsedNanos == 0 ? 0 : ok * 1e9 / elapsedNanos;
    }

    /** The latency at a percentile, in milliseconds. */
    public double percentileMillis(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1_000.0;
    }

    /** Events of an actor whose decision came back with an outcome ({@code ALLOW}…{@code BLOCK}). */
    public long decided(Actor actor) {
        long sum = 0;
        for (int o = 0; o < Tally.OUTCOMES.length; o++) {
            sum += outcomes[actor.ordinal()][o];
        }
        return sum;
    }

    /** Events of an actor that got a given outcome. */
    public long outcome(Actor actor, String outcome) {
        for (int o = 0; o < Tally.OUTCOMES.length; o++) {
            if (Tally.OUTCOMES[o].equals(outcome)) {
                return outcomes[actor.ordinal()][o];
            }
        }
        throw new IllegalArgumentException("no such outcome " + outcome);
    }

    /** A human-readable report, one line per fact. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "== %s  POST %s%n", label, endpoint));
        out.append(String.format(Locale.ROOT, "   requests %,d in %.2f s: %,.0f req/s (2xx %,.0f/s)%s%n", requests,
                elapsedNanos / 1e9, throughput(), successThroughput(),
                targetRate > 0 ? String.format(Locale.ROOT, ", target %,.0f/s", targetRate) : ""));
        out.append(String.format(Locale.ROOT,
                "   latency ms  p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%s%n",
                percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(99.9),
                latencyMicros.getMaxValue() / 1_000.0, targetRate > 0 ? "  (from intended send time)" : ""));
        out.append("   status   ").append(statuses);
        if (!errors.isEmpty()) {
            out.append("  errors ").append(errors);
        }
        out.append(System.lineSeparator());
        if (decided(Actor.LEGIT) + decided(Actor.FARM) > 0) {
            out.append(String.format(Locale.ROOT, "   degraded %,d of %,d decisions%n", degraded,
                    decided(Actor.LEGIT) + decided(Actor.FARM)));
            for (Actor actor : Actor.values()) {
                long total = decided(actor);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "   %-6s %,9d decided:", actor, total));
                for (String o : Tally.OUTCOMES) {
                    line.append(String.format(Locale.ROOT, "  %s %,d", o, outcome(actor, o)));
                }
                long blocked = outcome(actor, "BLOCK");
                long stopped = blocked + outcome(actor, "CHALLENGE");
                line.append(String.format(Locale.ROOT, "  | blocked %.1f%%, blocked or challenged %.1f%%",
                        total == 0 ? 0 : 100.0 * blocked / total, total == 0 ? 0 : 100.0 * stopped / total));
                out.append(line).append(System.lineSeparator());
            }
        }
        return out.toString();
    }
}
