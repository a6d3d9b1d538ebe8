package io.woolguard.server.http;

import io.woolguard.server.config.LimitsConfiguration;
import io.woolguard.server.problem.OverloadedException;
import jakarta.inject.Singleton;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds how many decisions run at once. When every permit is taken, a request fails at once
 * with {@link OverloadedException} (503 with Retry-After) instead of queueing, so that latency
 * stays flat under overload and clients can back off. Thread-safe.
 */
@Singleton
public final class DecisionGate {
    private final Semaphore permits;
    private final int limit;
    private final int retryAfterSeconds;

    public DecisionGate(LimitsConfiguration limits) {
        this.limit = limits.maxConcurrentDecisions();
        this.permits = new Semaphore(limit);
        this.retryAfterSeconds = (int) Math.max(1, limits.retryAfter().toSeconds());
    }

    /** Runs {@code work} holding a permit, or throws {@link OverloadedException} if none is free. */
    public <T> T run(Supplier<T> work) {
        if (!permits.tryAcquire()) {
            throw new OverloadedException(limit, retryAfterSeconds);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    /** Permits currently free (for metrics and tests). */
    public int available() {
        return permits.availablePermits();
    }
}
