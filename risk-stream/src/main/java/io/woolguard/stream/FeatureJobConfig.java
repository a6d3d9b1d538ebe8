package io.woolguard.stream;

import io.woolguard.core.EntityType;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The tunables of the {@link FeatureJob}. Immutable and serializable (it travels inside Flink
 * operators). {@link #defaults()} works on a laptop and in production; {@link #builder()} changes
 * single settings and fails fast on nonsense.
 */
public final class FeatureJobConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Duration outOfOrderness;
    private final Duration allowedLateness;
    private final Duration sourceIdleness;
    private final int distinctExactLimit;
    private final Set<EntityType> graphEdgeTypes;
    private final int superNodeThreshold;
    private final int maxClusterFanout;
    private final Duration graphRefreshInterval;
    private final Duration graphRetention;
    private final Duration entityRetention;
    private final double lowPriceRatio;
    private final int campaignBaselineMinutes;
    private final int entityCacheSize;
    private final int graphCacheSize;

    private FeatureJobConfig(Builder b) {
        this.outOfOrderness = b.outOfOrderness;
        this.allowedLateness = b.allowedLateness;
        this.sourceIdleness = b.sourceIdleness;
        this.distinctExactLimit = b.distinctExactLimit;
        this.graphEdgeTypes = Collections.unmodifiableSet(EnumSet.copyOf(b.graphEdgeTypes));
        this.superNodeThreshold = b.superNodeThreshold;
        this.maxClusterFanout = b.maxClusterFanout;
        this.graphRefreshInterval = b.graphRefreshInterval;
        this.graphRetention = b.graphRetention;
        this.entityRetention = b.entityRetention;
        this.lowPriceRatio = b.lowPriceRatio;
        this.campaignBaselineMinutes = b.campaignBaselineMinutes;
        this.entityCacheSize = b.entityCacheSize;
        this.graphCacheSize = b.graphCacheSize;
    }

    /** The defaults: see each getter. */
    public static FeatureJobConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** How far behind the newest event the watermark trails (default 2 s). */
    public Duration outOfOrderness() { return outOfOrderness; }

    /**
     * How far behind the watermark an event may still be counted (default 1 min); later events are
     * dropped, counted in the {@code lateEventsDropped} metric and sent to {@link FeatureJob#LATE_EVENTS}.
     */
    public Duration allowedLateness() { return allowedLateness; }

    /** After how long without events a source split stops holding the watermark back (default 10 s). */
    public Duration sourceIdleness() { return sourceIdleness; }

    /** Distinct counts are exact up to this many members per entity, then approximate (HLL) (default 1,000). */
    public int distinctExactLimit() { return distinctExactLimit; }

    /** Which shared identifiers join accounts into clusters (default device, phone, address, payment). */
    public Set<EntityType> graphEdgeTypes() { return graphEdgeTypes; }

    /**
     * An identifier joins at most this many accounts into a cluster; accounts beyond it are not
     * merged through it (a public Wi-Fi, a shared kiosk) (default 50).
     */
    public int superNodeThreshold() { return superNodeThreshold; }

    /**
     * Clusters up to this size have every member's graph features refreshed when the cluster
     * changes; above it only the accounts involved in the change are updated (default 1,000).
     */
    public int maxClusterFanout() { return maxClusterFanout; }

    /**
     * How long, in processing time, the other members of a changed cluster wait for their new graph
     * features at most (default 1 s; changes within it are coalesced into one refresh).
     */
    public Duration graphRefreshInterval() { return graphRefreshInterval; }

    /** A cluster with no activity for this long is forgotten (default 30 days). */
    public Duration graphRetention() { return graphRetention; }

    /** How long an entity's first-seen time is remembered after its last activity (default 90 days). */
    public Duration entityRetention() { return entityRetention; }

    /** An order paying at most this fraction of its list price is low-price (default 0.3). */
    public double lowPriceRatio() { return lowPriceRatio; }

    /** The campaign baseline is the average claims per minute over this many minutes before the current one (default 30). */
    public int campaignBaselineMinutes() { return campaignBaselineMinutes; }

    /**
     * How many recently used entities each entity-features subtask keeps on the heap in front of
     * RocksDB (default 150,000). A cached entity costs no RocksDB read, and no RocksDB write until it
     * is evicted or the next checkpoint barrier comes (write-back, see
     * {@link io.woolguard.stream.features.WriteBackProcessOperator}), so it never changes a result,
     * restored or not. Memory: about 300 bytes an entry on the heap (the encoded state, 140 bytes on
     * average and under 300 for every entity of the throughput benchmark's traffic, more for one
     * holding many inline members: each costs its id plus 10 bytes; then the key, ~80 bytes, and
     * the map entry, ~70), so the default takes about 45 MB a subtask when full. Each checkpoint
     * barrier writes the entries changed since the last one (at most this many, a few µs each, on the
     * task thread). The cache pays only when it holds an entity until it comes back: an LRU smaller
     * than the set of entities that recur (the benchmark's traffic: ~125,000 a subtask within 25 s of
     * event time) hits little more than the hottest ones. 0 turns it off.
     */
    public int entityCacheSize() { return entityCacheSize; }

    /**
     * How many recently used vertices, and as many components, the graph operator keeps on the heap
     * (encoded, tens of bytes each) in front of RocksDB, saving the RocksDB reads that union-find
     * repeats for the same vertices; written through, so it never changes a result. 0 turns it off
     * (default 50,000).
     */
    public int graphCacheSize() { return graphCacheSize; }

    @Override
    public String toString() {
        return "FeatureJobConfig[outOfOrderness=" + outOfOrderness + ", allowedLateness=" + allowedLateness
                + ", sourceIdleness=" + sourceIdleness + ", distinctExactLimit=" + distinctExactLimit
                + ", graphEdgeTypes=" + graphEdgeTypes + ", superNodeThreshold=" + superNodeThreshold
                + ", maxClusterFanout=" + maxClusterFanout + ", graphRefreshInterval=" + graphRefreshInterval
                + ", graphRetention=" + graphRetention + ", entityRetention=" + entityRetention
                + ", lowPriceRatio=" + lowPriceRatio + ", campaignBaselineMinutes=" + campaignBaselineMinutes
                + ", entityCacheSize=" + entityCacheSize + ", graphCacheSize=" + graphCacheSize + "]";
    }

    /** Builds a {@link FeatureJobConfig}; every setter validates at once. Not thread-safe. */
    public static final class Builder {
        private static final Set<EntityType> EDGE_CAPABLE = EnumSet.of(EntityType.DEVICE, EntityType.PHONE,
                EntityType.EMAIL, EntityType.ADDRESS, EntityType.PAYMENT, EntityType.IP);

        private Duration outOfOrderness = Duration.ofSeconds(2);
        private Duration allowedLateness = Duration.ofMinutes(1);
        private Duration sourceIdleness = Duration.ofSeconds(10);
        private int distinctExactLimit = 1_000;
        private Set<EntityType> graphEdgeTypes =
                EnumSet.of(EntityType.DEVICE, EntityType.PHONE, EntityType.ADDRESS, EntityType.PAYMENT);
        private int superNodeThreshold = 50;
        private int maxClusterFanout = 1_000;
        private Duration graphRefreshInterval = Duration.ofSeconds(1);
        private Duration graphRetention = Duration.ofDays(30);
        private Duration entityRetention = Duration.ofDays(90);
        private double lowPriceRatio = 0.3;
        private int campaignBaselineMinutes = 30;
        private int entityCacheSize = 150_000;
        private int graphCacheSize = 50_000;

        private Builder() {
        }

        public Builder outOfOrderness(Duration value) {
            this.outOfOrderness = nonNegative(value, "outOfOrderness");
            return this;
        }

        public Builder allowedLateness(Duration value) {
            this.allowedLateness = nonNegative(value, "allowedLateness");
            return this;
        }

        public Builder sourceIdleness(Duration value) {
            this.sourceIdleness = positive(value, "sourceIdleness");
            return this;
        }

        public Builder distinctExactLimit(int value) {
            if (value < 10 || value > 100_000) {
                throw new IllegalArgumentException("distinctExactLimit must be between 10 and 100,000, got " + value);
            }
            this.distinctExactLimit = value;
            return this;
        }

        public Builder graphEdgeTypes(Set<EntityType> value) {
            Objects.requireNonNull(value, "graphEdgeTypes");
            for (EntityType type : value) {
                if (!EDGE_CAPABLE.contains(type)) {
                    throw new IllegalArgumentException("graphEdgeTypes may contain only " + EDGE_CAPABLE
                            + "; " + type + " cannot link accounts");
                }
            }
            this.graphEdgeTypes = value.isEmpty() ? EnumSet.noneOf(EntityType.class) : EnumSet.copyOf(value);
            return this;
        }

        public Builder superNodeThreshold(int value) {
            if (value < 2) {
                throw new IllegalArgumentException("superNodeThreshold must be at least 2 (an identifier "
                        + "must be able to join two accounts), got " + value);
            }
            this.superNodeThreshold = value;
            return this;
        }

        public Builder maxClusterFanout(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxClusterFanout must be at least 1, got " + value);
            }
            this.maxClusterFanout = value;
            return this;
        }

        public Builder graphRefreshInterval(Duration value) {
            this.graphRefreshInterval = positive(value, "graphRefreshInterval");
            return this;
        }

        public Builder graphRetention(Duration value) {
            this.graphRetention = atLeast(value, Duration.ofDays(1), "graphRetention");
            return this;
        }

        public Builder entityRetention(Duration value) {
            // must outlive the longest window (30 days) or first-seen would reset under an active entity
            this.entityRetention = atLeast(value, Duration.ofDays(31), "entityRetention");
            return this;
        }

        public Builder lowPriceRatio(double value) {
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException("lowPriceRatio must be in (0, 1], got " + value);
            }
            this.lowPriceRatio = value;
            return this;
        }

        public Builder campaignBaselineMinutes(int value) {
            if (value < 1 || value > 24 * 60) {
                throw new IllegalArgumentException("campaignBaselineMinutes must be between 1 and 1440, got " + value);
            }
            this.campaignBaselineMinutes = value;
            return this;
        }

        public Builder entityCacheSize(int value) {
            if (value < 0 || value > 10_000_000) {
                throw new IllegalArgumentException("entityCacheSize must be between 0 and 10,000,000, got " + value);
            }
            this.entityCacheSize = value;
            return this;
        }

        public Builder graphCacheSize(int value) {
            if (value < 0 || value > 10_000_000) {
                throw new IllegalArgumentException("graphCacheSize must be between 0 and 10,000,000, got " + value);
            }
            this.graphCacheSize = value;
            return this;
        }

        /**
         * The config.
         *
         * @throws IllegalStateException if {@code superNodeThreshold} is not below {@code distinctExactLimit}
         *                               (links are only known while an identifier's accounts are counted exactly)
         */
        public FeatureJobConfig build() {
            if (superNodeThreshold >= distinctExactLimit) {
                throw new IllegalStateException("superNodeThreshold (" + superNodeThreshold + ") must be below "
                        + "distinctExactLimit (" + distinctExactLimit + "): lower the threshold or raise the limit");
            }
            return new FeatureJobConfig(this);
        }

        private static Duration nonNegative(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }

        private static Duration atLeast(Duration value, Duration min, String name) {
            Objects.requireNonNull(value, name);
            if (value.compareTo(min) < 0) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
            }
            return value;
        }
    }
}
