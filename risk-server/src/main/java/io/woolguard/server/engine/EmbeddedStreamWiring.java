package io.woolguard.server.engine;

import io.woolguard.core.EngineListener;
import io.woolguard.core.RiskEngine;
import io.woolguard.server.config.EmbeddedConfiguration;
import io.woolguard.stream.embedded.EmbeddedFeaturePipeline;
import io.woolguard.stream.embedded.EmbeddedPipelineConfig;
import io.woolguard.stream.embedded.EventJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Embedded mode: accepted events and labels go into a durable {@link EventJournal} under the data
 * directory before their answer is returned, and the Flink feature job runs in this JVM, tailing
 * the journal and writing features back into the engine's store. A restart resumes the job from its
 * latest checkpoint and re-reads the journal from there, so nothing accepted is lost.
 */
final class EmbeddedStreamWiring implements StreamWiring {
    private static final Duration PRIORITY_RESCAN = Duration.ofSeconds(5);

    private final EmbeddedPipelineConfig config;
    private final EventJournal journal;
    private final int backgroundNiceness;

    private EmbeddedStreamWiring(EmbeddedPipelineConfig config, EventJournal journal, int backgroundNiceness) {
        this.config = config;
        this.journal = journal;
        this.backgroundNiceness = backgroundNiceness;
    }

    static EmbeddedStreamWiring open(Path dataDirectory, EmbeddedConfiguration embedded) {
        EmbeddedPipelineConfig config = EmbeddedPipelineConfig.defaults()
                .withParallelism(embedded.parallelism())
                .withCheckpointInterval(embedded.checkpointInterval());
        return new EmbeddedStreamWiring(config,
                EventJournal.open(EmbeddedFeaturePipeline.journalDirectory(dataDirectory), config.journal()),
                embedded.backgroundNiceness());
    }

    @Override
    public EngineListener listener() {
        return journal;
    }

    @Override
    public FeatureStream start(RiskEngine engine, Path dataDirectory) {
        EmbeddedFeaturePipeline pipeline;
        try {
            pipeline = EmbeddedFeaturePipeline.start(engine, journal, dataDirectory, config);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        Optional<BackgroundThreadPriority> priority = BackgroundThreadPriority.start(backgroundNiceness, PRIORITY_RESCAN);
        return new FeatureStream() {
            @Override
            public boolean isRunning() {
                return pipeline.isRunning();
            }

            @Override
            public long lag() {
                return pipeline.lag();
            }

            @Override
            public String description() {
                return "embedded Flink feature job (journal " + journal.directory() + ")";
            }

            @Override
            public void close() {
                priority.ifPresent(BackgroundThreadPriority::close);
                try {
                    pipeline.close();
                } finally {
                    journal.close();
                }
            }
        };
    }

    @Override
    public void abandon() {
        journal.close();
    }
}
