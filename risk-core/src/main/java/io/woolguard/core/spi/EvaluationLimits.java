package io.woolguard.core.spi;

import java.time.Duration;

/**
 * Bounds on one evaluation, so that no pack can hang the caller.
 *
 * @param maxFirings most rule firings per evaluation
 * @param timeBudget most wall-clock time per evaluation
 */
public record EvaluationLimits(int maxFirings, Duration timeBudget) {
    /** 1,000 firings and 50 ms: far above what a sane pack needs on one event. */
    public static final EvaluationLimits DEFAULT = new EvaluationLimits(1_000, Duration.ofMillis(50));

    public EvaluationLimits {
        if (maxFirings < 1) {
            throw new IllegalArgumentException("maxFirings must be >= 1");
        }
        if (timeBudget == null || timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("timeBudget must be positive");
        }
    }
}
