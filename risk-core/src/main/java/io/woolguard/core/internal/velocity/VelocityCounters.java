package io.woolguard.core.internal.velocity;

import io.woolguard.core.EntityType;
import io.woolguard.core.EventType;
import io.woolguard.core.FeatureNames;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.internal.store.FeatureStore.EntityKey;
import io.woolguard.core.internal.store.StoredFeatures;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongSupplier;

/**
 * The engine's live velocity counters ({@code *.live_*} in {@link FeatureNames}): coupon claims per
 * device, account, IP, subnet and campaign over 1 minute and 1 hour, distinct accounts per device, IP and
 * subnet over 1 hour and per phone, e-mail, address and payment instrument over 24 hours (while the
 * identifier stays active: idle entities expire after two hours), and distinct accounts per device
 * and per IP over 1 hour, all on the events' own time. Updated synchronously as each event is
 * accepted, so the 21st claim in a burst sees the 20 before it (counts include the current event).
 *
 * <p>Each event id is counted at most once (a bounded memory of recently counted ids). Memory is
 * bounded: about {@code entityLimit} entities are tracked (the least recently used go first; at most
 * twice the limit while a sweep catches up), idle ones expire after two hours.
 * Counters live in memory only: after a restart they start from zero and the stream's stored
 * features carry the longer history. Thread-safe.
 *
 * <p>A tracked entity's entry also keeps a copy of its stored features, so that a decision looks
 * each entity up once for both ({@link #recordAndRead(RiskEvent, Map, Map, StoredSource)}): the copy
 * is read from the feature store on first use and replaced whenever the store changes the entity
 * ({@link #storedFeaturesChanged}).
 */
public final class VelocityCounters {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;
    /** Distinct accounts are counted exactly up to this many per device or IP. */
    static final int DISTINCT_BOUND = 1_024;
    /** Distinct accounts per phone, e-mail, address or payment instrument are counted exactly up to this many. */
    static final int IDENTITY_DISTINCT_BOUND = 256;
    private static final long DAY = 24 * 3_600_000L;

    private static final long IDLE_NANOS = Duration.ofHours(2).toNanos();

    private final TrackedEntities<EntityKey, EntityCounters> entities;
    private final RecentIds counted;
    private final LongSupplier nanoClock;
    private final MemberFingerprints fingerprints = new MemberFingerprints();

    /** @param entityLimit most entities tracked at once (and most event ids remembered for idempotency) */
    public VelocityCounters(long entityLimit) {
        this(entityLimit, System::nanoTime, ForkJoinPool.commonPool());
    }

    /**
     * @param nanoClock the clock for idle expiry ({@link System#nanoTime()} scale); event time drives the windows
     * @param sweeper   where full or idle tables are swept
     */
    VelocityCounters(long entityLimit, LongSupplier nanoClock, Executor sweeper) {
        this.nanoClock = nanoClock;
        this.entities = new TrackedEntities<>(entityLimit, IDLE_NANOS, sweeper, nanoClock);
        this.counted = new RecentIds(entityLimit, IDLE_NANOS);
    }

    /**
     * Counts an event (once per event id) and returns the live features of every entity it names,
     * as of the event's time. Personal data must already be hashed.
     *
     * @return feature name → value, including the current event
     */
    public Map<String, Double> recordAndRead(RiskEvent event) {
        return recordAndRead(event, event.entities());
    }

    /** As {@link #recordAndRead(RiskEvent)}, with the event's {@link RiskEvent#entities()} already at hand. */
    public Map<String, Double> recordAndRead(RiskEvent event, Map<EntityType, String> named) {
        Map<String, Double> features = new HashMap<>();
        record(event, named, features, null);
        return features;
    }

    /** Where an entity's stored features come from when its entry holds no copy yet: the feature store. */
    @FunctionalInterface
    public interface StoredSource {
        StoredFeatures read(EntityKey key);
    }

    /**
     * Counts an event as {@link #recordAndRead(RiskEvent, Map)} does, and puts into {@code features}
     * first the stored features of every entity it names, as of the event's time, then the live ones
     * (a live value replaces a stored value of the same name). Each entity is looked up once for both.
     *
     * @return null, or the failure of {@code stored}: then {@code features} holds the live values only
     *         (the event is counted all the same)
     */
    public RuntimeException recordAndRead(RiskEvent event, Map<EntityType, String> named,
                                          Map<String, Double> features, StoredSource stored) {
        return record(event, named, features, Objects.requireNonNull(stored, "stored"));
    }

    /** Counts the event and puts stored (unless {@code stored} is null) and then live features into {@code features}. */
    private RuntimeException record(RiskEvent event, Map<EntityType, String> named, Map<String, Double> features,
                                    StoredSource stored) {
        long now = nanoClock.getAsLong();
        boolean first = counted.add(event.eventId(), now);
        long time = event.occurredAt().toEpochMilli();
        boolean claim = event.type() == EventType.COUPON_CLAIM;
        long account = fingerprints.of(event.account().id());
        EntityCounters[] tracked = new EntityCounters[named.size()];
        int trackedCount = 0;
        RuntimeException storeFailure = null;
        for (Map.Entry<EntityType, String> entity : named.entrySet()) {
            EntityKey key = new EntityKey(entity.getKey(), entity.getValue());
            EntityCounters counters = tracks(key.type()) ? entities.get(key, now, EntityCounters::new) : null;
            if (counters != null) {
                tracked[trackedCount++] = counters;
            }
            if (stored != null && storeFailure == null) {
                try {
                    (counters != null ? counters.storedFeatures(key, stored) : stored.read(key)).putValuesAsOf(time, features);
                } catch (RuntimeException e) {
                    storeFailure = e;
                    features.clear();
                }
            }
        }
        for (int i = 0; i < trackedCount; i++) {
            tracked[i].recordAndRead(first, claim, account, time, now, features);
        }
        return storeFailure;
    }

    /**
     * The feature store changed an entity: its entry, if tracked, takes the new stored features. The
     * store calls this after its own cache has the value and in the order of its writes.
     */
    public void storedFeaturesChanged(EntityKey key, StoredFeatures features) {
        EntityCounters counters = entities.peek(key);
        if (counters != null) {
            counters.stored = features;
        }
    }

    /** The live features of one entity as of {@code timeMillis}, without counting anything. */
    public Map<String, Double> read(EntityType type, String id, long timeMillis) {
        Map<String, Double> features = new HashMap<>();
        EntityCounters counters = entities.getIfPresent(new EntityKey(type, id), nanoClock.getAsLong());
        if (counters != null) {
            counters.read(timeMillis, features);
        }
        return features;
    }

    /** How many entities are tracked right now, after dropping the idle ones and any over the limit. */
    public long trackedEntities() {
        return entities.sweptSize(nanoClock.getAsLong());
    }

    private static boolean tracks(EntityType type) {
        return switch (type) {
            case DEVICE, ACCOUNT, IP, SUBNET, CAMPAIGN, PHONE, EMAIL, ADDRESS, PAYMENT -> true;
            default -> false;
        };
    }

    /**
     * The windows kept for one entity; which ones depends on its type. Unused windows are null. Also
     * a copy of the entity's stored features (null until first read).
     */
    private static final class EntityCounters implements TrackedEntities.Used {
        private static final VarHandle STORED;

        static {
            try {
                STORED = MethodHandles.lookup().findVarHandle(EntityCounters.class, "stored", StoredFeatures.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final String claims1m;
        private final String claims1h;
        private final String accountsName;
        private final SlidingWindow minute;
        private final SlidingWindow hour;
        private final DistinctWindow accounts;
        /** Written under this object's lock, read by the table's sweeps without it. */
        private volatile long lastUsedNanos;
        /** Set by the feature store's writes; a first reader installs what it read only if none came first. */
        private volatile StoredFeatures stored;

        EntityCounters(EntityKey key, long nowNanos) {
            EntityType type = key.type();
            this.lastUsedNanos = nowNanos;
            long accountsWindow = HOUR;
            int accountsBound = DISTINCT_BOUND;
            switch (type) {
                case DEVICE -> { claims1m = FeatureNames.DEVICE_LIVE_CLAIMS_1M; claims1h = FeatureNames.DEVICE_LIVE_CLAIMS_1H;
                    accountsName = FeatureNames.DEVICE_LIVE_ACCOUNTS_1H; }
                case ACCOUNT -> { claims1m = FeatureNames.ACCOUNT_LIVE_CLAIMS_1M; claims1h = FeatureNames.ACCOUNT_LIVE_CLAIMS_1H;
                    accountsName = null; }
                case IP -> { claims1m = FeatureNames.IP_LIVE_CLAIMS_1M; claims1h = FeatureNames.IP_LIVE_CLAIMS_1H;
                    accountsName = FeatureNames.IP_LIVE_ACCOUNTS_1H; }
                case SUBNET -> { claims1m = FeatureNames.SUBNET_LIVE_CLAIMS_1M; claims1h = null;
                    accountsName = FeatureNames.SUBNET_LIVE_ACCOUNTS_1H; }
                case CAMPAIGN -> { claims1m = FeatureNames.CAMPAIGN_LIVE_CLAIMS_1M; claims1h = FeatureNames.CAMPAIGN_LIVE_CLAIMS_1H;
                    accountsName = null; }
                case PHONE, EMAIL, ADDRESS, PAYMENT -> {
                    // identifiers linking accounts: a day of distinct accounts, a small bound (rules look at a handful)
                    claims1m = null;
                    claims1h = null;
                    accountsName = type.featurePrefix() + ".live_accounts_24h";
                    accountsWindow = DAY;
                    accountsBound = IDENTITY_DISTINCT_BOUND;
                }
                default -> throw new IllegalArgumentException("no live counters for " + type);
            }
            this.minute = claims1m == null ? null : new SlidingWindow(MINUTE, 60);
            this.hour = claims1h == null ? null : new SlidingWindow(HOUR, 60);
            this.accounts = accountsName == null ? null : new DistinctWindow(accountsWindow, accountsBound);
        }

        @Override
        public long lastUsedNanos() {
            return lastUsedNanos;
        }

        /**
         * The entity's stored features: the copy, or on first use what {@code source} reads. A write
         * that lands between that read and the install wins: the store updates its own cache before
         * it sets the copy, so what was read is never newer than what was set.
         */
        StoredFeatures storedFeatures(EntityKey key, StoredSource source) {
            StoredFeatures copy = stored;
            if (copy == null) {
                copy = source.read(key);
                STORED.compareAndSet(this, null, copy);
            }
            return copy;
        }

        synchronized void recordAndRead(boolean count, boolean claim, long account, long time, long nowNanos,
                                        Map<String, Double> out) {
            lastUsedNanos = nowNanos;
            if (count) {
                if (claim && minute != null) {
                    minute.add(time);
                }
                if (claim && hour != null) {
                    hour.add(time);
                }
                if (accounts != null) {
                    accounts.add(account, time);
                }
            }
            read(time, out);
        }

        synchronized void read(long time, Map<String, Double> out) {
            if (minute != null) {
                out.put(claims1m, (double) minute.count(time));
            }
            if (hour != null) {
                out.put(claims1h, (double) hour.count(time));
            }
            if (accounts != null) {
                out.put(accountsName, (double) accounts.count(time));
            }
        }
    }
}
