package io.woolguard.core;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The Woolguard engine, in-process: decides events, keeps decisions, features, lists, labels and
 * rulesets under its data directory. All methods are thread-safe.
 *
 * <pre>{@code
 * try (RiskEngine engine = RiskEngine.builder()
 *         .rules(RulePacks.fromDirectory(Path.of("rules")))
 *         .dataDirectory(Path.of("data"))
 *         .build()) {
 *     Decision d = engine.decide(event);
 * }
 * }</pre>
 */
public interface RiskEngine extends AutoCloseable {

    /** Starts configuring an engine; {@link RiskEngineBuilder#dataDirectory} is required. */
    static RiskEngineBuilder builder() {
        return new RiskEngineBuilder();
    }

    /**
     * Decides one event. Personal data is hashed first; velocity counters are updated before the
     * call returns; the decision is stored durably (RocksDB WAL) before it is returned.
     * Deciding an {@code eventId} again returns the stored decision and counts nothing twice.
     *
     * @throws InvalidEventException if the event breaks the contract (e.g. {@code occurredAt}
     *                               more than 5 minutes in the future)
     * @throws IllegalStateException if the engine is closed
     */
    Decision decide(RiskEvent event);

    /** Like {@link #decide}, and also returns the features read and every rule evaluated. */
    Explanation explain(RiskEvent event);

    /** The stored decision for an event id, with its event, features and rules, if decided. */
    Optional<Explanation> findDecision(String eventId);

    /**
     * Accepts events that need no answer (registrations, logins, order updates): they feed the
     * velocity counters and the feature stream but produce no stored decision. Each event id is
     * counted once, so a batch may be sent again.
     *
     * @throws InvalidEventException naming {@code events[i].field} if any event is invalid; then
     *                               nothing of the batch is taken
     * @throws IllegalStateException if a listener refused some events (send the batch again), or
     *                               the engine is closed
     */
    void ingest(Collection<RiskEvent> events);

    /** Records a label durably and passes it to the feature stream (FRAUD flags the account's cluster). */
    void label(Label label);

    /**
     * Every label recorded for one entity, oldest first. For personal-data types, {@code id} may be
     * the raw value or its hash.
     *
     * @throws UnsupportedOperationException if this engine does not keep labels
     */
    default List<Label> labels(EntityType type, String id) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep labels");
    }

    /**
     * Current stored features of one entity. For personal-data types, {@code id} may be the raw
     * value or its hash.
     */
    FeatureVector features(EntityType type, String id);

    /** Applies feature updates from the stream (upserts; safe to repeat), on disk when this returns. */
    void applyFeatureUpdates(Collection<FeatureUpdate> updates);

    /**
     * As {@link #applyFeatureUpdates}, visible to decisions at once, but on disk only after the next
     * {@link #flushFeatureUpdates()} (or {@link #close()}, or earlier when many entities are held):
     * for a caller that replays what it applied since its last flush after a crash, as a
     * checkpointing stream does when it flushes before each checkpoint. An entity updated many times
     * between two flushes is written once.
     */
    default void applyFeatureUpdatesDeferred(Collection<FeatureUpdate> updates) {
        applyFeatureUpdates(updates);
    }

    /** Writes every update {@link #applyFeatureUpdatesDeferred applied deferred}; on disk when this returns. */
    default void flushFeatureUpdates() {
    }

    /** The BLOCK / ALLOW / WATCH lists. */
    EntityLists lists();

    /** Ruleset versions: upload, activate, shadow, roll back. */
    Rulesets rulesets();

    /**
     * Decides the stored decisions made in [{@code from}, {@code to}) again with a stored ruleset
     * version, from the event and the features stored with each, and reports what would change.
     * Nothing is enforced, counted or stored. Runs on the caller's thread, oldest decision first,
     * at most {@code limit} of them; {@code progress} is told as it advances.
     *
     * @throws java.util.NoSuchElementException if there is no such version
     * @throws IllegalArgumentException         if {@code to} is not after {@code from} or {@code limit} is not positive
     * @throws UnsupportedOperationException    if this engine does not keep decisions
     */
    default BacktestReport backtest(String version, Instant from, Instant to, long limit, BacktestReport.Progress progress) {
        throw new UnsupportedOperationException(getClass().getName() + " does not run backtests");
    }

    /** Hashes personal data with this engine's key. */
    PersonalDataHasher hasher();

    /** True while stores are open and an active ruleset is loaded. */
    boolean isReady();

    /** Closes stores; further calls throw {@link IllegalStateException}. */
    @Override
    void close();
}
