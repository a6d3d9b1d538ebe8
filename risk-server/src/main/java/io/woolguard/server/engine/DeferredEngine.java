package io.woolguard.server.engine;

import io.woolguard.core.BacktestReport;
import io.woolguard.core.Decision;
import io.woolguard.core.EntityLists;
import io.woolguard.core.EntityType;
import io.woolguard.core.Explanation;
import io.woolguard.core.FeatureUpdate;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.Label;
import io.woolguard.core.PersonalDataHasher;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.Rulesets;
import io.woolguard.server.problem.UnavailableException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An engine that is still being opened, in one of two kinds:
 * <ul>
 * <li>{@link #waiting}: every call waits until the engine is open, then goes to it. Lets the feature
 *     stream start (Flink MiniCluster, job submission) while the engine opens RocksDB and compiles its
 *     rules, instead of after: the stream touches the engine only when feature updates arrive, and
 *     those wait here until the engine is open.</li>
 * <li>{@link #failingFast}: while the engine is not open, every call throws
 *     {@link UnavailableException} (503 with Retry-After) at once. What the HTTP controllers hold, so
 *     that the server can listen (and {@code /health} say "not ready") while the engine starts.</li>
 * </ul>
 * Once open, both are a volatile read and a call away from the real engine.
 *
 * <p>{@link #close()} does nothing: the real engine is closed by its owner, {@link EngineRuntime}.
 * Thread-safe.
 */
final class DeferredEngine implements RiskEngine {
    private final CompletableFuture<RiskEngine> engine;
    private final boolean wait;
    private volatile RiskEngine open;

    private DeferredEngine(CompletableFuture<RiskEngine> engine, boolean wait) {
        this.engine = engine;
        this.wait = wait;
        engine.thenAccept(opened -> this.open = opened);
    }

    /** Calls wait until {@code engine} completes (and throw {@link IllegalStateException} if it failed). */
    static DeferredEngine waiting(CompletableFuture<RiskEngine> engine) {
        return new DeferredEngine(engine, true);
    }

    /** Calls throw {@link UnavailableException} until {@code engine} completes normally. */
    static DeferredEngine failingFast(CompletableFuture<RiskEngine> engine) {
        return new DeferredEngine(engine, false);
    }

    private RiskEngine engine() {
        RiskEngine opened = open;
        if (opened != null) {
            return opened;
        }
        if (wait) {
            try {
                return engine.join();
            } catch (CompletionException | CancellationException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IllegalStateException("the engine did not open: " + cause.getMessage(), cause);
            }
        }
        if (engine.isDone() && !engine.isCompletedExceptionally()) {
            return engine.join();
        }
        if (engine.isCompletedExceptionally()) {
            throw new UnavailableException("the engine failed to start; see the server log", null);
        }
        throw new UnavailableException("the engine is starting (rules compiling, stores opening); retry in a moment", null);
    }

    @Override
    public Decision decide(RiskEvent event) {
        return engine().decide(event);
    }

    @Override
    public Explanation explain(RiskEvent event) {
        return engine().explain(event);
    }

    @Override
    public Optional<Explanation> findDecision(String eventId) {
        return engine().findDecision(eventId);
    }

    @Override
    public void ingest(Collection<RiskEvent> events) {
        engine().ingest(events);
    }

    @Override
    public void label(Label label) {
        engine().label(label);
    }

    @Override
    public java.util.List<Label> labels(EntityType type, String id) {
        return engine().labels(type, id);
    }

    @Override
    public FeatureVector features(EntityType type, String id) {
        return engine().features(type, id);
    }

    @Override
    public void applyFeatureUpdates(Collection<FeatureUpdate> updates) {
        engine().applyFeatureUpdates(updates);
    }

    @Override
    public void applyFeatureUpdatesDeferred(Collection<FeatureUpdate> updates) {
        engine().applyFeatureUpdatesDeferred(updates);
    }

    @Override
    public void flushFeatureUpdates() {
        engine().flushFeatureUpdates();
    }

    @Override
    public EntityLists lists() {
        return engine().lists();
    }

    @Override
    public Rulesets rulesets() {
        return engine().rulesets();
    }

    @Override
    public BacktestReport backtest(String version, Instant from, Instant to, long limit, BacktestReport.Progress progress) {
        return engine().backtest(version, from, to, limit, progress);
    }

    @Override
    public PersonalDataHasher hasher() {
        return engine().hasher();
    }

    @Override
    public boolean isReady() {
        RiskEngine opened = open;
        return opened != null && opened.isReady();
    }

    @Override
    public void close() {
        // the owner closes the real engine
    }
}
