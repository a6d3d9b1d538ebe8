package io.woolguard.benchmarks.load;

import io.woolguard.benchmarks.traffic.Actor;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one sender thread saw: latencies (µs), status codes, errors and decision outcomes by actor.
 * Not thread-safe; one per thread, merged at the end.
 */
final class Tally {
    /** Highest latency recorded exactly: one minute, in microseconds. */
    static final long HIGHEST_MICROS = 60_000_000L;
    /** The decision outcomes the contract defines, in escalation order. */
    static final String[] OUTCOMES = {"ALLOW", "CHALLENGE", "REVIEW", "BLOCK"};

    final Histogram latencyMicros = new Histogram(HIGHEST_MICROS, 3);
    final Map<Integer, Long> statuses = new TreeMap<>();
    final Map<String, Long> errors = new TreeMap<>();
    /** [actor][outcome index]; index 4 counts 200s whose outcome could not be read. */
    final long[][] outcomes = new long[Actor.values().length][OUTCOMES.length + 1];
    long requests;
    /** 200s whose decision says {@code "degraded":true}. */
    long degraded;

    void record(long latencyNanos, int status, Actor actor, String body) {
        requests++;
        latencyMicros.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, latencyNanos / 1_000)));
        statuses.merge(status, 1L, Long::sum);
        if (status == 200 && body != null) {
            outcomes[actor.ordinal()][outcomeIndex(body)]++;
            if (body.contains("\"degraded\":true") || body.contains("\"degraded\" : true")) {
                degraded++;
            }
        }
    }

    void error(long latencyNanos, Throwable error) {
        requests++;
        latencyMicros.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, latencyNanos / 1_000)));
        errors.merge(error.getClass().getSimpleName(), 1L, Long::sum);
    }

    void add(Tally other) {
        requests += other.requests;
        degraded += other.degraded;
        latencyMicros.add(other.latencyMicros);
        other.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
        other.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
        for (int a = 0; a < outcomes.length; a++) {
            for (int o = 0; o < outcomes[a].length; o++) {
                outcomes[a][o] += other.outcomes[a][o];
            }
        }
    }

    /**
     * The decision's outcome, found without a full JSON parse (the client shares the CPU with the
     * server, so it stays cheap): the string value of the first {@code "outcome"} key.
     */
    static int outcomeIndex(String body) {
        int key = body.indexOf("\"outcome\"");
        if (key < 0) {
            return OUTCOMES.length;
        }
        int open = body.indexOf('"', body.indexOf(':', key + 9) + 1);
        int close = open < 0 ? -1 : body.indexOf('"', open + 1);
        if (close < 0) {
            return OUTCOMES.length;
        }
        String outcome = body.substring(open + 1, close);
        for (int i = 0; i < OUTCOMES.length; i++) {
            if (OUTCOMES[i].equals(outcome)) {
                return i;
            }
        }
        return OUTCOMES.length;
    }
}
