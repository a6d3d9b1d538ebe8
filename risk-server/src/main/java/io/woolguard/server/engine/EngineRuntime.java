package io.woolguard.server.engine;

import io.woolguard.core.RiskEngine;
import io.woolguard.core.RulesetInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine and its feature stream, opened together at startup and closed together at shutdown
 * (stream first, so that nothing reaches a closed engine). Answers the readiness questions of
 * {@code /health}. Thread-safe.
 *
 * <p>The runtime exists from the moment the application context starts, while the engine and the
 * stream are still starting in the background ({@link EngineFactory}): the HTTP server listens at
 * once, {@code /health} answers 503 until rules are loaded, the stores are open and the stream runs,
 * and the engine's methods answer {@link io.woolguard.server.problem.UnavailableException} (503 with
 * Retry-After) until the engine is open.
 */
public final class EngineRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineRuntime.class);
    private static final Duration CLOSE_WAIT_FOR_START = Duration.ofMinutes(2);

    private final Path dataDirectory;
    private final String mode;
    private final CompletableFuture<RiskEngine> engineOpened = new CompletableFuture<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final RiskEngine engineView = DeferredEngine.failingFast(engineOpened);
    private volatile RiskEngine engine;
    private volatile FeatureStream stream;
    private volatile boolean closed;

    /** A runtime whose engine and stream are still starting: {@link #opened} or {@link #failed} follows. */
    EngineRuntime(Path dataDirectory, String mode) {
        this.dataDirectory = dataDirectory;
        this.mode = mode;
    }

    /** A runtime over an engine and stream that are already open. */
    public EngineRuntime(RiskEngine engine, FeatureStream stream, Path dataDirectory, String mode) {
        this(dataDirectory, mode);
        opened(engine, stream);
    }

    /** The engine is open and the stream started: requests may use the engine from now on. */
    void opened(RiskEngine openedEngine, FeatureStream startedStream) {
        this.engine = openedEngine;
        this.stream = startedStream;
        engineOpened.complete(openedEngine);
        started.complete(null);
    }

    /** The start failed; what was opened has been closed by the starter. */
    void failed(Throwable cause) {
        engineOpened.completeExceptionally(cause);
        started.completeExceptionally(cause);
    }

    /** Completes when the engine and the stream have started, or exceptionally when the start failed. */
    public CompletionStage<Void> startup() {
        return started.minimalCompletionStage();
    }

    /** True once the engine and the stream have started (ready or not). */
    public boolean started() {
        return started.isDone() && !started.isCompletedExceptionally();
    }

    /** True when the start failed; the service cannot become ready. */
    public boolean startFailed() {
        return started.isCompletedExceptionally();
    }

    /**
     * Waits up to {@code timeout} until {@link #ready()}; true when it is. For tests and tools.
     *
     * @throws IllegalStateException if the start failed
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (startFailed()) {
                throw new IllegalStateException("the engine failed to start", started.handle((v, e) -> e).join());
            }
            if (ready()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return ready();
    }

    /**
     * The engine. Until it is open, every call on it throws
     * {@link io.woolguard.server.problem.UnavailableException}; hold it, do not wait for it.
     */
    public RiskEngine engine() {
        return engineView;
    }

    /** The feature stream, once started. */
    public Optional<FeatureStream> stream() {
        return Optional.ofNullable(stream);
    }

    /** A few words on the stream for logs and {@code /health}. */
    public String streamDescription() {
        FeatureStream s = stream;
        if (s != null) {
            return s.description();
        }
        return startFailed() ? "failed to start" : "starting";
    }

    /** Events accepted but not yet reflected in stored features (0 until the stream started). */
    public long streamLag() {
        FeatureStream s = stream;
        return s == null ? 0 : s.lag();
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
        RiskEngine e = engine;
        return !closed && e != null && e.isReady();
    }

    /** True while the feature stream runs. */
    public boolean streamRunning() {
        FeatureStream s = stream;
        return !closed && s != null && s.isRunning();
    }

    /** Ready to decide with every input: rules loaded, stores open, stream running. */
    public boolean ready() {
        return rulesLoaded() && storesOpen() && streamRunning();
    }

    /** The active ruleset, if any (empty until the engine is open, and once closed). */
    public Optional<RulesetInfo> activeRuleset() {
        RiskEngine e = engine;
        if (closed || e == null) {
            return Optional.empty();
        }
        try {
            return e.rulesets().active();
        } catch (RuntimeException ex) {
            return Optional.empty();
        }
    }

    /**
     * Closes the stream, then the engine; when the start is still running, waits for it first (at
     * most two minutes). Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            started.handle((v, e) -> null).get(CLOSE_WAIT_FOR_START.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.warn("The engine was still starting after {}; closing what is open", CLOSE_WAIT_FOR_START);
        }
        FeatureStream s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("The feature stream did not close cleanly: {}", e.toString());
            }
        }
        RiskEngine e = engine;
        if (e != null) {
            e.close();
            LOG.info("Woolguard engine closed; data is in {}", dataDirectory);
        }
    }
}
