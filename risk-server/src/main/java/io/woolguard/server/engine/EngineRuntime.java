package io.woolguard.server.engine;

import io.woolguard.core.RiskEngine;
import io.woolguard.core.RulesetInfo;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine and its feature stream, opened together at startup and closed together at shutdown
 * (stream first, so that nothing reaches a closed engine). Answers the readiness questions of
 * {@code /health}. Thread-safe.
 */
public final class EngineRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineRuntime.class);

    private final RiskEngine engine;
    private final FeatureStream stream;
    private final Path dataDirectory;
    private final String mode;
    private volatile boolean closed;

    public EngineRuntime(RiskEngine engine, FeatureStream stream, Path dataDirectory, String mode) {
        this.engine = engine;
        this.stream = stream;
        this.dataDirectory = dataDirectory;
        this.mode = mode;
    }

    /** The engine. */
    public RiskEngine engine() {
        return engine;
    }

    /** The feature stream. */
    public FeatureStream stream() {
        return stream;
    }

    /** The absolute data directory. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** {@code embedded} or {@code cluster}. */
    public String mode() {
        return mode;
    }

    /** True when an active ruleset is loaded. */
    public boolean rulesLoaded() {
        return !closed && activeRuleset().isPresent();
    }

    /** True while the stores are open (the engine reports ready). */
    public boolean storesOpen() {
        return !closed && engine.isReady();
    }

    /** True while the feature stream runs. */
    public boolean streamRunning() {
        return !closed && stream.isRunning();
    }

    /** Ready to decide with every input: rules loaded, stores open, stream running. */
    public boolean ready() {
        return rulesLoaded() && storesOpen() && streamRunning();
    }

    /** The active ruleset, if any (empty once closed). */
    public Optional<RulesetInfo> activeRuleset() {
        if (closed) {
            return Optional.empty();
        }
        try {
            return engine.rulesets().active();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Closes the stream, then the engine. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stream.close();
        } catch (RuntimeException e) {
            LOG.warn("The feature stream did not close cleanly: {}", e.toString());
        }
        engine.close();
        LOG.info("Woolguard engine closed; data is in {}", dataDirectory);
    }
}
