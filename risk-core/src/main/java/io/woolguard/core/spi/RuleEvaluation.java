package io.woolguard.core.spi;

import java.util.List;

/**
 * What one evaluation produced.
 *
 * @param hits    the hits, in firing order
 * @param firings how many rules fired
 * @param failure {@code null} when evaluation completed; otherwise why it stopped early
 *                (e.g. "exceeded 1000 firings", "exceeded time budget of 50 ms", "rule x threw ...")
 */
public record RuleEvaluation(List<RuleHit> hits, int firings, String failure) {
    public RuleEvaluation {
        hits = List.copyOf(hits);
    }

    /** True when evaluation stopped early and the engine's fallback applies. */
    public boolean failed() {
        return failure != null;
    }
}
