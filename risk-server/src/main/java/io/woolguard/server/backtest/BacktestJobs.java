package io.woolguard.server.backtest;

import io.woolguard.core.BacktestReport;
import io.woolguard.core.RiskEngine;
import io.woolguard.server.engine.EngineRuntime;
import io.woolguard.server.problem.ConflictException;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs backtests in the background, one at a time, on their own thread so that a long one never
 * holds a request; keeps the last {@value #KEPT} jobs in memory with their progress and reports. A
 * report is derived data: it is not stored, and a restart forgets it (run it again). Thread-safe.
 */
@Singleton
public final class BacktestJobs implements AutoCloseable {
    /** Jobs kept for reading back (finished ones beyond it are forgotten, oldest first). */
    static final int KEPT = 20;
    /** Longest time between two progress lines in the log. */
    static final long LOG_EVERY_NANOS = 5_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(BacktestJobs.class);

    private final EngineRuntime runtime;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "woolguard-backtest");
        thread.setDaemon(true);
        return thread;
    });
    private final SecureRandom random = new SecureRandom();
    private final Map<String, BacktestJob> jobs = new LinkedHashMap<>();
    private BacktestJob running;

    public BacktestJobs(EngineRuntime runtime, Clock clock) {
        this.runtime = runtime;
        this.clock = clock;
    }

    /**
     * Starts a backtest of {@code version} over the decisions made in [{@code from}, {@code to}).
     *
     * @throws java.util.NoSuchElementException if there is no such version
     * @throws ConflictException                if another backtest is still running (409)
     */
    public BacktestJob start(String version, Instant from, Instant to, long limit, String actor) {
        RiskEngine engine = runtime.engine();
        if (engine.rulesets().find(version).isEmpty()) {
            throw new java.util.NoSuchElementException("no ruleset version " + version);
        }
        BacktestJob job;
        synchronized (this) {
            if (running != null && running.status() == BacktestJob.Status.RUNNING) {
                throw new ConflictException("backtest " + running.id() + " of " + running.version() + " is still running ("
                        + running.evaluated() + " of " + Math.max(0, running.total()) + " decisions); GET /v1/backtests/"
                        + running.id() + " shows its progress, start the next one when it is done", null);
            }
            job = new BacktestJob(newId(), version, from, to, limit, actor, clock.instant());
            jobs.put(job.id(), job);
            forgetOldFinished();
            running = job;
        }
        BacktestJob started = job;
        worker.execute(() -> run(engine, started));
        return job;
    }

    private void run(RiskEngine engine, BacktestJob job) {
        LOG.info("Backtest {} of ruleset {} started by {}: decisions made from {} to {}, at most {}", job.id(), job.version(),
                job.requestedBy(), job.from(), job.to(), job.limit());
        long[] lastLog = {System.nanoTime()};
        try {
            BacktestReport report = engine.backtest(job.version(), job.from(), job.to(), job.limit(), (done, total) -> {
                job.advanced(done, total);
                long now = System.nanoTime();
                if (now - lastLog[0] >= LOG_EVERY_NANOS && done < total) {
                    lastLog[0] = now;
                    LOG.info("Backtest {}: {} of {} decisions ({}%)", job.id(), done, total, job.percent());
                }
            });
            job.finished(report, clock.instant());
            LOG.info("Backtest {} of ruleset {} done in {} ms: {} decided again{}, {} would change outcome, {} decided by a list,"
                            + " {} could not be evaluated within the limits", job.id(), job.version(), report.took().toMillis(),
                    decisions(report.evaluated()), report.limitReached() ? " (the limit: the period holds more)" : "",
                    report.changed(), report.listDecided(), report.failures());
        } catch (RuntimeException e) {
            job.failed(e.getMessage() == null ? e.toString() : e.getMessage(), clock.instant());
            LOG.warn("Backtest {} of ruleset {} failed after {} decisions: {}", job.id(), job.version(), job.evaluated(), e.toString());
        }
    }

    private static String decisions(long count) {
        return count + (count == 1 ? " decision" : " decisions");
    }

    /** One job by id. */
    public synchronized Optional<BacktestJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The jobs kept, newest first. */
    public synchronized List<BacktestJob> list() {
        List<BacktestJob> newestFirst = new ArrayList<>(jobs.values());
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    private void forgetOldFinished() {
        var it = jobs.values().iterator();
        while (jobs.size() > KEPT && it.hasNext()) {
            if (it.next().status() != BacktestJob.Status.RUNNING) {
                it.remove();
            }
        }
    }

    private String newId() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return "bt-" + HexFormat.of().formatHex(bytes);
    }

    /** Stops a running backtest (interrupted, it gives up at the next decision); Micronaut calls it at shutdown. */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
