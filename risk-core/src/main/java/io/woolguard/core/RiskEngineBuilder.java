package io.woolguard.core;

import io.woolguard.core.internal.engine.DefaultRiskEngine;
import io.woolguard.core.internal.engine.EngineConfig;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.core.spi.RulePackCompiler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Configures and opens a {@link RiskEngine}. Obtain one with {@link RiskEngine#builder()}.
 *
 * <p>Only {@link #dataDirectory} is required. Every option may be set once: setting one twice, or
 * giving both {@link #rules} and {@link #initialRules}, throws {@link IllegalStateException} saying
 * what to do. Not thread-safe; build once.
 *
 * <pre>{@code
 * RiskEngine engine = RiskEngine.builder()
 *         .dataDirectory(Path.of("data"))
 *         .rules(RulePacks.fromDirectory(Path.of("rules")))
 *         .build();
 * }</pre>
 */
public final class RiskEngineBuilder {
    /** Default score a WATCH listing adds. */
    public static final int DEFAULT_WATCH_SCORE = 30;
    /** Default size of each in-memory cache (stored features, list lookups). */
    public static final long DEFAULT_FEATURE_CACHE_SIZE = 300_000;
    /** Default number of entities the live velocity counters track at once. */
    public static final long DEFAULT_LIVE_COUNTER_LIMIT = 100_000;
    /** Default time stored decisions are kept. */
    public static final Duration DEFAULT_DECISION_RETENTION = Duration.ofDays(90);
    /** Default interval of the sweep that removes expired list entries and old decisions. */
    public static final Duration DEFAULT_MAINTENANCE_INTERVAL = Duration.ofMinutes(1);

    private Path dataDirectory;
    private RulePack rules;
    private RulePack initialRules;
    private RulePackCompiler ruleCompiler;
    private Clock clock;
    private byte[] personalDataKey;
    private ScoringPolicy scoring;
    private EvaluationLimits evaluationLimits;
    private Outcome fallbackOutcome;
    private Integer watchScore;
    private final List<EngineListener> listeners = new ArrayList<>();
    private Long featureCacheSize;
    private Long liveCounterLimit;
    private Duration decisionRetention;
    private Duration maintenanceInterval;

    RiskEngineBuilder() {
    }

    /** Where RocksDB, the personal-data key, rule versions and decisions live. Required. */
    public RiskEngineBuilder dataDirectory(Path directory) {
        once(dataDirectory, "dataDirectory");
        this.dataDirectory = Objects.requireNonNull(directory, "dataDirectory");
        return this;
    }

    /**
     * The rules this application runs: uploaded (or found, if the same content was uploaded before)
     * and activated when the engine is built, replacing whatever was active.
     */
    public RiskEngineBuilder rules(RulePack pack) {
        once(rules, "rules");
        this.rules = Objects.requireNonNull(pack, "rules");
        return this;
    }

    /**
     * A default pack, activated only when the data directory has no active ruleset yet; after that the
     * version an analyst activated survives restarts.
     */
    public RiskEngineBuilder initialRules(RulePack pack) {
        once(initialRules, "initialRules");
        this.initialRules = Objects.requireNonNull(pack, "initialRules");
        return this;
    }

    /** The rule compiler; by default the one {@link ServiceLoader} finds (risk-rules provides Drools). */
    public RiskEngineBuilder ruleCompiler(RulePackCompiler compiler) {
        once(ruleCompiler, "ruleCompiler");
        this.ruleCompiler = Objects.requireNonNull(compiler, "ruleCompiler");
        return this;
    }

    /** The engine's time (events without {@code occurredAt}, TTLs, retention). Default: the UTC system clock. */
    public RiskEngineBuilder clock(Clock clock) {
        once(this.clock, "clock");
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * The HMAC key for personal data, at least 16 bytes. Default: 32 random bytes generated once and
     * kept in {@code <dataDirectory>/pii.key}, readable by the owner only.
     */
    public RiskEngineBuilder personalDataKey(byte[] key) {
        once(personalDataKey, "personalDataKey");
        Objects.requireNonNull(key, "personalDataKey");
        if (key.length < 16) {
            throw new IllegalArgumentException("personalDataKey must be at least 16 bytes, got " + key.length
                    + "; use 32 random bytes");
        }
        this.personalDataKey = key.clone();
        return this;
    }

    /** Score thresholds per event type. Default: {@link ScoringPolicy#defaults()}. */
    public RiskEngineBuilder scoring(ScoringPolicy policy) {
        once(scoring, "scoring");
        this.scoring = Objects.requireNonNull(policy, "scoring");
        return this;
    }

    /** Bounds on one rule evaluation. Default: {@link EvaluationLimits#DEFAULT}. */
    public RiskEngineBuilder evaluationLimits(EvaluationLimits limits) {
        once(evaluationLimits, "evaluationLimits");
        this.evaluationLimits = Objects.requireNonNull(limits, "evaluationLimits");
        return this;
    }

    /**
     * The outcome when the rules cannot decide (evaluation failed or exceeded its limits, or no ruleset
     * is active): {@link Outcome#ALLOW} (the default) or {@link Outcome#REVIEW}. Such decisions are
     * always marked degraded.
     */
    public RiskEngineBuilder fallbackOutcome(Outcome outcome) {
        once(fallbackOutcome, "fallbackOutcome");
        Objects.requireNonNull(outcome, "fallbackOutcome");
        if (outcome != Outcome.ALLOW && outcome != Outcome.REVIEW) {
            throw new IllegalArgumentException("fallbackOutcome must be ALLOW or REVIEW, got " + outcome
                    + ": a failure of the rules must not block or challenge customers on its own");
        }
        this.fallbackOutcome = outcome;
        return this;
    }

    /** The score a WATCH listing adds (0–100, default 30). */
    public RiskEngineBuilder watchScore(int score) {
        once(watchScore, "watchScore");
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("watchScore must be 0-100, got " + score);
        }
        this.watchScore = score;
        return this;
    }

    /** Adds a listener told about every accepted event and label (may be called several times). */
    public RiskEngineBuilder listener(EngineListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Entries in each in-memory cache: stored features, list lookups (default 100,000). */
    public RiskEngineBuilder featureCacheSize(long size) {
        once(featureCacheSize, "featureCacheSize");
        if (size < 1) {
            throw new IllegalArgumentException("featureCacheSize must be >= 1, got " + size);
        }
        this.featureCacheSize = size;
        return this;
    }

    /** Entities the live velocity counters track at once; the least recently used are dropped (default 100,000). */
    public RiskEngineBuilder liveCounterLimit(long limit) {
        once(liveCounterLimit, "liveCounterLimit");
        if (limit < 1) {
            throw new IllegalArgumentException("liveCounterLimit must be >= 1, got " + limit);
        }
        this.liveCounterLimit = limit;
        return this;
    }

    /** How long stored decisions are kept (default 90 days). */
    public RiskEngineBuilder decisionRetention(Duration retention) {
        once(decisionRetention, "decisionRetention");
        Objects.requireNonNull(retention, "decisionRetention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("decisionRetention must be positive, got " + retention);
        }
        this.decisionRetention = retention;
        return this;
    }

    /** How often expired list entries and old decisions are swept (default 1 minute). */
    public RiskEngineBuilder maintenanceInterval(Duration interval) {
        once(maintenanceInterval, "maintenanceInterval");
        Objects.requireNonNull(interval, "maintenanceInterval");
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("maintenanceInterval must be at least 1 ms, got " + interval);
        }
        this.maintenanceInterval = interval;
        return this;
    }

    /**
     * Opens the engine: the data directory's RocksDB, the personal-data key, the stored rulesets
     * (recompiling the active and shadow versions), then {@link #rules} or {@link #initialRules}.
     *
     * @throws IllegalStateException if {@link #dataDirectory} is missing, both {@code rules} and
     *         {@code initialRules} were given, no rule compiler is available, or the directory is in use
     * @throws RulePackRejectedException if the given pack does not compile
     */
    public RiskEngine build() {
        if (dataDirectory == null) {
            throw new IllegalStateException("dataDirectory is required: call dataDirectory(Path) with where the engine"
                    + " may keep its RocksDB, keys and rule versions");
        }
        if (rules != null && initialRules != null) {
            throw new IllegalStateException("both rules(...) and initialRules(...) were set: use rules(...) to always run"
                    + " a pack, or initialRules(...) for a default that analysts may replace, not both");
        }
        EngineConfig config = new EngineConfig(dataDirectory, rules, initialRules,
                ruleCompiler != null ? ruleCompiler : loadCompiler(),
                clock != null ? clock : Clock.systemUTC(), personalDataKey,
                scoring != null ? scoring : ScoringPolicy.defaults(),
                evaluationLimits != null ? evaluationLimits : EvaluationLimits.DEFAULT,
                fallbackOutcome != null ? fallbackOutcome : Outcome.ALLOW,
                watchScore != null ? watchScore : DEFAULT_WATCH_SCORE, listeners,
                featureCacheSize != null ? featureCacheSize : DEFAULT_FEATURE_CACHE_SIZE,
                liveCounterLimit != null ? liveCounterLimit : DEFAULT_LIVE_COUNTER_LIMIT,
                decisionRetention != null ? decisionRetention : DEFAULT_DECISION_RETENTION,
                maintenanceInterval != null ? maintenanceInterval : DEFAULT_MAINTENANCE_INTERVAL);
        return DefaultRiskEngine.open(config);
    }

    private static RulePackCompiler loadCompiler() {
        Iterator<RulePackCompiler> found = ServiceLoader.load(RulePackCompiler.class).iterator();
        if (!found.hasNext()) {
            throw new IllegalStateException("no RulePackCompiler found: add risk-rules to the classpath,"
                    + " or pass one with ruleCompiler(...)");
        }
        return found.next();
    }

    private static void once(Object current, String option) {
        if (current != null) {
            throw new IllegalStateException(option + " was already set; set each option once (build a new"
                    + " builder to start over)");
        }
    }
}
