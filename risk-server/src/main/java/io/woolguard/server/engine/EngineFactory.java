package io.woolguard.server.engine;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.RiskEngineBuilder;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.rules.RulePacks;
import io.woolguard.server.config.ClusterConfiguration;
import io.woolguard.server.config.LimitsConfiguration;
import io.woolguard.server.config.WoolguardConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the engine and its feature stream eagerly at startup ({@link Context}), so that the first
 * request does not pay for RocksDB, rule compilation or the Flink job.
 *
 * <p>Layout of the data directory: the engine's RocksDB, rule versions, decision log and
 * personal-data key at its top level (see the engine), {@code journal/} for the event journal the
 * embedded feature job reads, {@code flink/} for the job's state and checkpoints.
 */
@Factory
public class EngineFactory {
    private static final Logger LOG = LoggerFactory.getLogger(EngineFactory.class);

    /** The engine and stream, closed (stream first) when the application stops. */
    @Context
    @Bean(preDestroy = "close")
    public EngineRuntime engineRuntime(WoolguardConfiguration config, LimitsConfiguration limits,
                                       ClusterConfiguration cluster, Clock clock) {
        config.validate();
        limits.validate();
        Path dataDirectory = config.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDirectory
                    + "; set WOOLGUARD_DATA_DIR to a writable directory", e);
        }
        String mode = config.clusterMode() ? "cluster" : "embedded";
        LOG.info("Starting Woolguard in {} mode with data dir {}", mode, dataDirectory);

        StreamWiring wiring = config.clusterMode()
                ? StreamWiring.cluster(cluster)
                : StreamWiring.embedded(dataDirectory);
        RiskEngine engine;
        try {
            RiskEngineBuilder builder = RiskEngine.builder()
                    .dataDirectory(dataDirectory)
                    .initialRules(RulePacks.defaultPack())
                    .evaluationLimits(new EvaluationLimits(EvaluationLimits.DEFAULT.maxFirings(), limits.decisionBudget()))
                    .clock(clock)
                    .listener(wiring.listener());
            if (config.piiKey() != null && !config.piiKey().isBlank()) {
                builder.personalDataKey(config.piiKey().getBytes(StandardCharsets.UTF_8));
                LOG.info("Personal data is hashed with the key from woolguard.pii-key");
            } else {
                LOG.info("Personal data is hashed with the key file under {} (set WOOLGUARD_PII_KEY to manage it yourself)",
                        dataDirectory);
            }
            engine = builder.build();
        } catch (RuntimeException e) {
            wiring.abandon();
            throw e;
        }
        engine.rulesets().active().ifPresentOrElse(
                active -> LOG.info("Ruleset {} ({}) is active with {} rules", active.version(), active.name(),
                        active.ruleIds().size()),
                () -> LOG.warn("No ruleset is active: decisions use the fallback and are marked degraded"));
        FeatureStream stream;
        try {
            stream = wiring.start(engine, dataDirectory);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        LOG.info("Feature stream: {} {}", stream.description(), stream.isRunning() ? "running" : "NOT running");
        return new EngineRuntime(engine, stream, dataDirectory, mode);
    }
}
