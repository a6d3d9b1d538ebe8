package io.woolguard.server.http;

import io.woolguard.server.config.LimitsConfiguration;
import io.woolguard.server.problem.OverloadedException;
import io.woolguard.server.problem.UnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds how many decisions run at once, and runs them. When every permit is taken, a request fails
 * at once with {@link OverloadedException} (503 with Retry-After) instead of queueing, so that
 * latency stays flat under overload and clients can back off.
 *
 * <p>{@link #submit} takes the permit on the caller's thread (the HTTP event loop) and runs the work
 * on a small fixed pool of {@code woolguard.limits.decision-threads} threads: a decision is mostly CPU
 * (rules, hashing, JSON) with short blocking steps (RocksDB, the journal), so a few threads per core
 * keep the cores busy without dozens of threads contending for them. Admitted decisions beyond the
 * running ones wait in the pool's queue, which the permits bound to
 * {@code woolguard.limits.max-concurrent-decisions}. Thread-safe.
 */
@Singleton
public final class DecisionGate implements AutoCloseable {
    private final Semaphore permits;
    private final int limit;
    private final int retryAfterSeconds;
    private final ThreadPoolExecutor pool;

    public DecisionGate(LimitsConfiguration limits) {
        this.limit = limits.maxConcurrentDecisions();
        this.permits = new Semaphore(limit);
        this.retryAfterSeconds = (int) Math.max(1, limits.retryAfter().toSeconds());
        int threads = limits.decisionThreadCount();
        AtomicInteger created = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "woolguard-decide-" + created.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.pool.prestartAllCoreThreads();
    }

    /** Runs {@code work} holding a permit, on the calling thread, or throws {@link OverloadedException} if none is free. */
    public <T> T run(Supplier<T> work) {
        acquire();
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    /**
     * Takes a permit now (or throws {@link OverloadedException}) and runs {@code work} on the decision
     * pool; the permit is given back when the work ends, however it ends.
     *
     * @return completes with the work's result, or exceptionally with what it threw
     * @throws OverloadedException  if every permit is taken
     * @throws UnavailableException if the pool is shut down (the server is stopping)
     */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        acquire();
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                } finally {
                    permits.release();
                }
            });
        } catch (RejectedExecutionException e) {
            permits.release();
            throw new UnavailableException("the server is stopping", e);
        }
        return result;
    }

    private void acquire() {
        if (!permits.tryAcquire()) {
            throw new OverloadedException(limit, retryAfterSeconds);
        }
    }

    /** Permits currently free (for metrics and tests). */
    public int available() {
        return permits.availablePermits();
    }

    /** Threads that run decisions. */
    public int threads() {
        return pool.getCorePoolSize();
    }

    /** Stops taking decisions; those already admitted finish. */
    @PreDestroy
    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
