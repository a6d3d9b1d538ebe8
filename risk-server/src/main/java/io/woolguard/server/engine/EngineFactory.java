package io.woolguard.server.engine;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.RiskEngineBuilder;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.rules.RulePacks;
import io.woolguard.server.config.ClusterConfiguration;
import io.woolguard.server.config.EmbeddedConfiguration;
import io.woolguard.server.config.LimitsConfiguration;
import io.woolguard.server.config.WoolguardConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the engine and its feature stream eagerly at startup ({@link Context}), so that the first
 * request does not pay for RocksDB, rule compilation or the Flink job, and without holding up the
 * HTTP server: the start runs in the background, the engine and the stream concurrently.
 *
 * <p>Layout of the data directory: the engine's RocksDB, rule versions, decision log and
 * personal-data key at its top level (see the engine), {@code journal/} for the event journal the
 * embedded feature job reads, {@code flink/} for the job's state and checkpoints.
 */
@Factory
public class EngineFactory {
    private static final Logger LOG = LoggerFactory.getLogger(EngineFactory.class);

    /**
     * The runtime, returned at once while the engine and the stream start on a background thread
     * (so that the HTTP server listens meanwhile and {@code /health} tells the truth); closed (stream
     * first) when the application stops. Configuration errors still fail here, synchronously.
     */
    @Context
    @Bean(preDestroy = "close")
    public EngineRuntime engineRuntime(WoolguardConfiguration config, LimitsConfiguration limits,
                                       ClusterConfiguration cluster, EmbeddedConfiguration embedded, Clock clock) {
        config.validate();
        limits.validate();
        embedded.validate();
        Path dataDirectory = config.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDirectory
                    + "; set WOOLGUARD_DATA_DIR to a writable directory", e);
        }
        String mode = config.clusterMode() ? "cluster" : "embedded";
        LOG.info("Starting Woolguard in {} mode with data dir {}", mode, dataDirectory);
        EngineRuntime runtime = new EngineRuntime(dataDirectory, mode);
        Thread starter = new Thread(() -> {
            try {
                start(runtime, config, limits, cluster, embedded, clock, dataDirectory);
            } catch (Throwable t) {
                LOG.error("Woolguard could not start: {}", t.toString(), t);
                runtime.failed(t);
            }
        }, "woolguard-start");
        starter.setDaemon(true);
        starter.start();
        return runtime;
    }

    /** Opens the engine and starts the stream, concurrently; hands both to the runtime. */
    private static void start(EngineRuntime runtime, WoolguardConfiguration config, LimitsConfiguration limits,
                              ClusterConfiguration cluster, EmbeddedConfiguration embedded, Clock clock,
                              Path dataDirectory) {
        StreamWiring wiring = config.clusterMode()
                ? StreamWiring.cluster(cluster)
                : StreamWiring.embedded(dataDirectory, embedded);
        // The stream (in embedded mode the Flink MiniCluster and the job) starts on its own thread
        // while this one opens RocksDB and compiles the rules: the two are independent until feature
        // updates arrive, and those wait in the DeferredEngine until the engine is open.
        CompletableFuture<RiskEngine> opened = new CompletableFuture<>();
        long begin = System.nanoTime();
        CompletableFuture<FeatureStream> streamStart = startInBackground(() -> {
            FeatureStream started = wiring.start(DeferredEngine.waiting(opened), dataDirectory);
            LOG.info("Feature stream started in {} ms", (System.nanoTime() - begin) / 1_000_000);
            return started;
        });
        RiskEngine engine;
        try {
            engine = buildEngine(config, limits, clock, wiring, dataDirectory);
        } catch (RuntimeException | Error e) {
            opened.completeExceptionally(e);
            abandon(streamStart, wiring);
            throw e;
        }
        opened.complete(engine);
        LOG.info("Engine opened in {} ms", (System.nanoTime() - begin) / 1_000_000);
        engine.rulesets().active().ifPresentOrElse(
                active -> LOG.info("Ruleset {} ({}) is active with {} rules", active.version(), active.name(),
                        active.ruleIds().size()),
                () -> LOG.warn("No ruleset is active: decisions use the fallback and are marked degraded"));
        FeatureStream stream;
        try {
            stream = join(streamStart);
        } catch (RuntimeException | Error e) {
            engine.close();
            throw e;
        }
        LOG.info("Feature stream: {} {}", stream.description(), stream.isRunning() ? "running" : "starting");
        runtime.opened(engine, stream);
    }

    private static RiskEngine buildEngine(WoolguardConfiguration config, LimitsConfiguration limits, Clock clock,
                                          StreamWiring wiring, Path dataDirectory) {
        RiskEngineBuilder builder = RiskEngine.builder()
                .dataDirectory(dataDirectory)
                .initialRules(RulePacks.defaultPack())
                .ruleCompiler(DefaultPackPrecompile.compiler())
                .evaluationLimits(new EvaluationLimits(EvaluationLimits.DEFAULT.maxFirings(), limits.decisionBudget()))
                .clock(clock)
                .featureCacheSize(config.cachedEntities())
                .liveCounterLimit(config.countedEntities())
                .listener(wiring.listener());
        if (config.piiKey() != null && !config.piiKey().isBlank()) {
            builder.personalDataKey(config.piiKey().getBytes(StandardCharsets.UTF_8));
            LOG.info("Personal data is hashed with the key from woolguard.pii-key");
        } else {
            LOG.info("Personal data is hashed with the key file under {} (set WOOLGUARD_PII_KEY to manage it yourself)",
                    dataDirectory);
        }
        return builder.build();
    }

    private static CompletableFuture<FeatureStream> startInBackground(Supplier<FeatureStream> start) {
        CompletableFuture<FeatureStream> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(start.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "woolguard-stream-start");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** The started stream, or the start's own exception. */
    private static FeatureStream join(CompletableFuture<FeatureStream> start) {
        try {
            return start.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** The engine did not open: stop the stream once its start is over (it releases the journal either way). */
    private static void abandon(CompletableFuture<FeatureStream> start, StreamWiring wiring) {
        try {
            join(start).close();
        } catch (RuntimeException | Error e) {
            LOG.debug("The feature stream did not start either: {}", e.toString());
        } finally {
            wiring.abandon();
        }
    }
}
