package io.woolguard.server.engine;

import java.util.Optional;

/**
 * Turns periodic samples of the feature stream's lag (accepted events not yet read by the feature
 * job) into sentences for the log: when it falls behind, how it is doing while behind (catching up
 * at what rate and how long to go, or falling further behind), and when it has caught up. Quiet
 * while the stream keeps up. Not thread-safe: one sampler calls it.
 */
final class StreamLagNarrator {
    /** Lag at which the stream counts as behind: a few seconds of a busy promotion. */
    static final long BEHIND = 1_000;

    private boolean behind;
    private long behindSinceNanos;
    private long worst;
    private long previousLag;
    private long previousNanos;

    /** What to say about a sample taken at {@code nanos} ({@link System#nanoTime()}), if anything. */
    Optional<String> observe(long lag, long nanos) {
        try {
            if (!behind) {
                if (lag < BEHIND) {
                    return Optional.empty();
                }
                behind = true;
                behindSinceNanos = nanos;
                worst = lag;
                return Optional.of("The feature stream is " + lag + " events behind: until it catches up, decisions read"
                        + " device, account, IP and graph features that are that many events old (live velocity counters are not affected)");
            }
            worst = Math.max(worst, lag);
            double seconds = Math.max(1e-9, (nanos - previousNanos) / 1e9);
            long perSecond = Math.round((previousLag - lag) / seconds);
            if (lag == 0) {
                behind = false;
                return Optional.of("The feature stream has caught up after " + round1((nanos - behindSinceNanos) / 1e9)
                        + " s (at most " + worst + " events behind)");
            }
            if (perSecond > 0) {
                return Optional.of("The feature stream is " + lag + " events behind, catching up at " + perSecond
                        + " events/s: about " + Math.max(1, Math.round(lag / (double) perSecond)) + " s to go");
            }
            return Optional.of("The feature stream is " + lag + " events behind and not catching up ("
                    + (-perSecond) + " events/s more arrive than it reads); decisions are being made on stale stream features");
        } finally {
            previousLag = lag;
            previousNanos = nanos;
        }
    }

    private static String round1(double value) {
        return String.valueOf(Math.round(value * 10) / 10.0);
    }
}
