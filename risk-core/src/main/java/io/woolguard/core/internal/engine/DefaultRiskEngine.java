package io.woolguard.core.internal.engine;

import io.woolguard.core.BacktestReport;
import io.woolguard.core.Decision;
import io.woolguard.core.EngineListener;
import io.woolguard.core.EntityLists;
import io.woolguard.core.EntityType;
import io.woolguard.core.Explanation;
import io.woolguard.core.FeatureNames;
import io.woolguard.core.FeatureUpdate;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.FieldError;
import io.woolguard.core.InvalidEventException;
import io.woolguard.core.Label;
import io.woolguard.core.ListEntry;
import io.woolguard.core.ListType;
import io.woolguard.core.PersonalDataHasher;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.Rulesets;
import io.woolguard.core.ShadowDecision;
import io.woolguard.core.internal.lists.RocksEntityLists;
import io.woolguard.core.internal.rules.LoadedRuleset;
import io.woolguard.core.internal.rules.RulesetRegistry;
import io.woolguard.core.internal.rules.RulesetSnapshot;
import io.woolguard.core.internal.store.DecisionLog;
import io.woolguard.core.internal.store.FeatureStore;
import io.woolguard.core.internal.store.LabelStore;
import io.woolguard.core.internal.store.RocksStore;
import io.woolguard.core.internal.engine.RuleScorer.Scored;
import io.woolguard.core.internal.velocity.VelocityCounters;
import io.woolguard.core.spi.RuleInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process engine. Every decision: validate, hash personal data, take the event id's stripe
 * lock, return the stored decision if there is one, otherwise read the ruleset snapshot once,
 * count the live velocity, assemble features, consult the lists, evaluate the active (and shadow)
 * rules within limits, score, tell the listeners, store the explanation, return.
 */
public final class DefaultRiskEngine implements RiskEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultRiskEngine.class);
    /** How far in the future an event may claim to have happened (clock skew allowance). */
    static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /** The longest window of the live counters. */
    private static final Duration LIVE_WINDOW = Duration.ofHours(1);

    private final EngineConfig config;
    private final RocksStore store;
    private final PersonalDataHasher hasher;
    private final FeatureStore features;
    /** {@code features::read}, made once rather than on every decision. */
    private final VelocityCounters.StoredSource storedFeatures;
    private final VelocityCounters counters;
    private final RocksEntityLists lists;
    private final DecisionLog decisions;
    private final LabelStore labels;
    private final RulesetRegistry rulesets;
    private final RuleScorer scorer;
    private final Backtester backtester;
    private final StripeLocks stripes = new StripeLocks(1_024);
    private final ScheduledExecutorService maintenance;
    private final LongAdder inFlight = new LongAdder();
    private volatile boolean closed;

    private DefaultRiskEngine(EngineConfig config, RocksStore store) {
        this.config = config;
        this.store = store;
        byte[] key = config.personalDataKey() != null ? config.personalDataKey()
                : PersonalDataKeyFile.loadOrCreate(config.dataDirectory());
        this.hasher = new PersonalDataHasher(key);
        this.features = new FeatureStore(store, config.featureCacheSize());
        this.storedFeatures = features::read;
        this.counters = new VelocityCounters(config.liveCounterLimit());
        this.lists = new RocksEntityLists(store, config.clock(), hasher, config.featureCacheSize());
        this.decisions = new DecisionLog(store);
        try {
            this.labels = new LabelStore(store);
            this.rulesets = new RulesetRegistry(store, config.compiler(), config.clock());
            this.scorer = new RuleScorer(config);
            this.backtester = new Backtester(decisions, rulesets, scorer,
                    () -> closed || Thread.currentThread().isInterrupted());
            installRules();
            rebuildLiveCounters();
        } catch (RuntimeException e) {
            decisions.close();
            throw e;
        }
        this.maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "woolguard-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.maintenanceInterval().toMillis();
        maintenance.scheduleWithFixedDelay(this::maintainQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the engine on its data directory.
     *
     * @throws IllegalStateException if the directory is in use or unreadable, or a stored ruleset fails to compile
     */
    public static DefaultRiskEngine open(EngineConfig config) {
        RocksStore store = RocksStore.open(config.dataDirectory());
        try {
            DefaultRiskEngine engine = new DefaultRiskEngine(config, store);
            engine.logOpened();
            return engine;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void installRules() {
        String actor = "engine-builder";
        if (config.rules() != null) {
            String version = rulesets.upload(config.rules(), actor).version();
            rulesets.activate(version, actor);
        } else if (config.initialRules() != null && rulesets.active().isEmpty()) {
            String version = rulesets.upload(config.initialRules(), actor).version();
            rulesets.activate(version, actor);
            LOG.info("no ruleset was active: activated the initial pack '{}' as {}", config.initialRules().name(), version);
        }
    }

    /**
     * Live counters are kept in memory; after a restart, the decisions of the last hour (the longest
     * live window) are counted again so that a burst spanning the restart is still seen. Ingested
     * events are not in the decision log and are not replayed.
     */
    private void rebuildLiveCounters() {
        Instant from = config.clock().instant().minus(LIVE_WINDOW);
        long replayed = decisions.replaySince(from, config.liveCounterLimit(),
                explanation -> counters.recordAndRead(explanation.event()));
        if (replayed > 0) {
            LOG.info("rebuilt the live velocity counters from {} decisions made since {}", replayed, from);
        }
    }

    private void logOpened() {
        RulesetSnapshot snapshot = rulesets.snapshot();
        LOG.info("engine opened at {}: {} decisions, {} list entries, {} labels, {} entities with stored features on disk;"
                        + " ruleset {} active{}", config.dataDirectory().toAbsolutePath(), decisions.count(), lists.size(),
                labels.count(), features.entityCount(),
                snapshot.active() == null ? "none (decisions fall back until one is activated)" : snapshot.active().version(),
                snapshot.shadow() == null ? "" : ", " + snapshot.shadow().version() + " in shadow");
    }

    // ------------------------------------------------------------------ decide

    @Override
    public Decision decide(RiskEvent event) {
        return explain(event).decision();
    }

    @Override
    public Explanation explain(RiskEvent event) {
        Objects.requireNonNull(event, "event");
        enter();
        try {
            RiskEvent accepted = accept(event, "");
            ReentrantLock lock = stripes.lockFor(accepted.eventId());
            lock.lock();
            try {
                Optional<Explanation> stored = decisions.find(accepted.eventId());
                if (stored.isPresent()) {
                    return stored.get();
                }
                Explanation explanation = evaluate(accepted);
                decisions.store(explanation);
                return explanation;
            } finally {
                lock.unlock();
            }
        } finally {
            exit();
        }
    }

    /** Checks the time, fills a missing occurredAt from the clock, hashes personal data. */
    private RiskEvent accept(RiskEvent event, String fieldPrefix) {
        Instant now = config.clock().instant();
        RiskEvent timed = event.occurredAt() == null ? event.withOccurredAt(now) : event;
        if (timed.occurredAt().isAfter(now.plus(MAX_FUTURE))) {
            throw new InvalidEventException(fieldPrefix + "occurredAt", "is more than 5 minutes in the future ("
                    + timed.occurredAt() + " while the engine's clock says " + now + "); check the sender's clock");
        }
        return timed.protect(hasher);
    }

    private Explanation evaluate(RiskEvent event) {
        Set<String> degraded = new LinkedHashSet<>();
        RulesetSnapshot snapshot = rulesets.snapshot(); // read once: this decision is made by exactly this version
        Map<EntityType, String> entities = event.entities();
        FeatureVector.Builder assembled = FeatureVector.builder(48); // 28-44 features per decision of the default pack
        Map<String, Double> values = assembled.values();
        // stored features, then live counts (replacing stored values of the same name), one look-up per entity
        RuntimeException storeFailure = counters.recordAndRead(event, entities, values, storedFeatures);
        if (storeFailure != null) {
            LOG.warn("feature store read failed for event {}; deciding without stored features: {}", event.eventId(),
                    storeFailure.toString());
            degraded.add("feature-store");
        }
        LiveFloors.apply(values);
        EventFeatures.derive(event, values);
        ListVerdict verdict = listVerdict(entities);
        values.put(FeatureNames.LISTS_WATCHED, verdict.watched().isEmpty() ? 0.0 : 1.0);
        FeatureVector vector = assembled.build();
        RuleInput input = new RuleInput(event, vector);

        Scored main = scorer.score(snapshot.active(), input, verdict);
        if (main.failure() != null) {
            degraded.add("rules: " + main.failure());
        }
        ShadowDecision shadow = null;
        if (snapshot.shadow() != null) {
            Scored s = scorer.score(snapshot.shadow(), input, verdict);
            shadow = new ShadowDecision(s.outcome(), s.score(), s.reasons(), snapshot.shadow().version());
        }
        if (!notifyListeners(event)) {
            degraded.add("stream");
        }
        Decision decision = new Decision(event.eventId(), main.outcome(), main.score(), main.reasons(),
                snapshot.active() == null ? null : snapshot.active().version(), shadow, !degraded.isEmpty(),
                degraded.isEmpty() ? null : String.join("; ", degraded), config.clock().instant());
        return new Explanation(decision, event, vector, main.rulesEvaluated());
    }

    private ListVerdict listVerdict(Map<EntityType, String> entities) {
        List<ListEntry> allowed = new ArrayList<>();
        List<ListEntry> blocked = new ArrayList<>();
        List<ListEntry> watched = new ArrayList<>();
        for (Map.Entry<EntityType, String> entity : entities.entrySet()) {
            lists.findStored(ListType.ALLOW, entity.getKey(), entity.getValue()).ifPresent(allowed::add);
            lists.findStored(ListType.BLOCK, entity.getKey(), entity.getValue()).ifPresent(blocked::add);
            lists.findStored(ListType.WATCH, entity.getKey(), entity.getValue()).ifPresent(watched::add);
        }
        return new ListVerdict(allowed, blocked, watched);
    }

    /** Tells every listener; returns false if any of them threw. */
    private boolean notifyListeners(RiskEvent event) {
        boolean ok = true;
        for (EngineListener listener : config.listeners()) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("listener {} refused event {}: {}", listener.getClass().getName(), event.eventId(), e.toString());
                ok = false;
            }
        }
        return ok;
    }

    // ------------------------------------------------------------------ the rest of the API

    @Override
    public Optional<Explanation> findDecision(String eventId) {
        Objects.requireNonNull(eventId, "eventId");
        enter();
        try {
            return decisions.find(eventId);
        } finally {
            exit();
        }
    }

    @Override
    public void ingest(Collection<RiskEvent> events) {
        Objects.requireNonNull(events, "events");
        enter();
        try {
            List<RiskEvent> accepted = new ArrayList<>(events.size());
            List<FieldError> errors = new ArrayList<>();
            int index = 0;
            for (RiskEvent event : events) {
                String prefix = "events[" + index++ + "].";
                try {
                    accepted.add(accept(Objects.requireNonNull(event, "events must not contain null"), prefix));
                } catch (InvalidEventException e) {
                    errors.addAll(e.errors());
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidEventException(errors); // nothing of the batch is taken
            }
            int refused = 0;
            for (RiskEvent event : accepted) {
                counters.recordAndRead(event);
                if (!notifyListeners(event)) {
                    refused++;
                }
            }
            if (refused > 0) {
                throw new IllegalStateException(refused + " of " + accepted.size()
                        + " events could not be passed to the feature stream; send the batch again (events are counted once per eventId)");
            }
        } finally {
            exit();
        }
    }

    @Override
    public void label(Label label) {
        Objects.requireNonNull(label, "label");
        enter();
        try {
            String id = lists.storedId(label.entityType(), label.entityId());
            Label stored = id.equals(label.entityId()) ? label
                    : new Label(label.entityType(), id, label.label(), label.source(), label.note(), label.labelledAt());
            labels.store(stored);
            LOG.info("{} labelled {} {} as {}", stored.source(), stored.entityType(), stored.entityId(), stored.label());
            for (EngineListener listener : config.listeners()) {
                try {
                    listener.onLabel(stored);
                } catch (RuntimeException e) {
                    LOG.warn("listener {} refused label of {} {} (the label is stored): {}", listener.getClass().getName(),
                            stored.entityType(), stored.entityId(), e.toString());
                }
            }
        } finally {
            exit();
        }
    }

    @Override
    public List<Label> labels(EntityType type, String id) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        enter();
        try {
            return labels.labels(type, lists.storedId(type, id));
        } finally {
            exit();
        }
    }

    @Override
    public FeatureVector features(EntityType type, String id) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        enter();
        try {
            String storedId = lists.storedId(type, id);
            Map<String, Double> values = new HashMap<>();
            long now = config.clock().millis();
            features.read(type, storedId).putValuesAsOf(now, values);
            values.putAll(counters.read(type, storedId, now));
            return new FeatureVector(values);
        } finally {
            exit();
        }
    }

    @Override
    public void applyFeatureUpdates(Collection<FeatureUpdate> updates) {
        applyFeatureUpdates(updates, false);
    }

    @Override
    public void applyFeatureUpdatesDeferred(Collection<FeatureUpdate> updates) {
        applyFeatureUpdates(updates, true);
    }

    private void applyFeatureUpdates(Collection<FeatureUpdate> updates, boolean deferWrite) {
        Objects.requireNonNull(updates, "updates");
        enter();
        try {
            List<FeatureUpdate> normalized = new ArrayList<>(updates.size());
            for (FeatureUpdate update : updates) {
                String id = lists.storedId(update.entityType(), update.entityId());
                normalized.add(id.equals(update.entityId()) ? update
                        : new FeatureUpdate(update.entityType(), id, update.values(), update.eventTimeMillis()));
            }
            features.apply(normalized, counters::storedFeaturesChanged, deferWrite);
        } finally {
            exit();
        }
    }

    @Override
    public void flushFeatureUpdates() {
        enter();
        try {
            features.flush();
        } finally {
            exit();
        }
    }

    @Override
    public EntityLists lists() {
        return lists;
    }

    @Override
    public Rulesets rulesets() {
        return rulesets;
    }

    @Override
    public BacktestReport backtest(String version, Instant from, Instant to, long limit, BacktestReport.Progress progress) {
        enter();
        try {
            return backtester.run(version, from, to, limit, progress);
        } finally {
            exit();
        }
    }

    @Override
    public PersonalDataHasher hasher() {
        return hasher;
    }

    @Override
    public boolean isReady() {
        return !closed && rulesets.snapshot().active() != null;
    }

    // ------------------------------------------------------------------ maintenance and life cycle

    /**
     * Sweeps expired list entries and decisions older than the retention now (it also runs on its
     * own every maintenance interval).
     *
     * @return how many list entries and decisions were removed
     */
    public long maintain() {
        enter();
        try {
            long expired = lists.sweepExpired();
            Instant cutoff = config.clock().instant().minus(config.decisionRetention());
            long old = decisions.deleteBefore(cutoff);
            if (old > 0) {
                LOG.info("deleted {} decisions made before {} (retention {})", old, cutoff, config.decisionRetention());
            }
            return expired + old;
        } finally {
            exit();
        }
    }

    private void maintainQuietly() {
        try {
            maintain();
        } catch (IllegalStateException closing) {
            // the engine is closing
        } catch (RuntimeException e) {
            LOG.warn("maintenance sweep failed, will retry: {}", e.toString());
        }
    }

    /** The RocksDB store (tests flush it to inspect the files). */
    public RocksStore store() {
        return store;
    }

    private void enter() {
        inFlight.increment();
        if (closed) {
            inFlight.decrement();
            throw new IllegalStateException("the engine is closed; build a new one to continue");
        }
    }

    private void exit() {
        inFlight.decrement();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        maintenance.shutdownNow();
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (inFlight.sum() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
        }
        if (inFlight.sum() > 0) {
            LOG.warn("closing while {} calls are still running after {}", inFlight.sum(), CLOSE_WAIT);
        }
        try {
            maintenance.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        decisions.close(); // writes its last decisions to RocksDB
        try {
            int written = features.flush();
            if (written > 0) {
                LOG.info("wrote the stored features of {} entities held since the stream's last flush", written);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not write the stored features held since the stream's last flush ({}); a checkpointing"
                    + " stream replays them after the restart", e.toString());
        }
        store.close();
        LOG.info("engine at {} closed", config.dataDirectory().toAbsolutePath());
    }
}
