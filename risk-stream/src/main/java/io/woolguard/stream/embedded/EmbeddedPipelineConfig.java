package io.woolguard.stream.embedded;

import io.woolguard.stream.FeatureJobConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link EmbeddedFeaturePipeline} runs the feature job in the server's JVM. Immutable;
 * {@link #defaults()} suits a laptop and a single production node.
 *
 * @param parallelism        Flink parallelism of the job (default 2), 1 to 64
 * @param checkpointInterval how often the job checkpoints its state and journal offset (default 2 s);
 *                           after a crash, at most this much of the journal is replayed (idempotently).
 *                           Every checkpoint flushes the job's RocksDB memtables on the task thread: a
 *                           short interval costs compaction CPU, a long one longer feature stalls at
 *                           each flush (see docs/PERFORMANCE.md)
 * @param sinkMaxDelay       longest time a feature update waits in the engine sink's batch (default 2 ms)
 * @param bufferTimeout      longest time a record waits in a Flink network buffer between operators
 *                           (default 2 ms; Flink's own 100 ms default alone would put every feature
 *                           more than 100 ms behind its event). Under load buffers fill and leave
 *                           before the timeout, so a short one costs little throughput
 * @param featureJob         the job's own tunables
 * @param journal            how the event journal writes
 */
public record EmbeddedPipelineConfig(int parallelism, Duration checkpointInterval, Duration sinkMaxDelay,
                                     Duration bufferTimeout, FeatureJobConfig featureJob, JournalConfig journal) {
    public EmbeddedPipelineConfig {
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism must be between 1 and 64, got " + parallelism);
        }
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (checkpointInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("checkpointInterval must be at least 100 ms, got " + checkpointInterval);
        }
        Objects.requireNonNull(sinkMaxDelay, "sinkMaxDelay");
        if (sinkMaxDelay.isNegative()) {
            throw new IllegalArgumentException("sinkMaxDelay must not be negative, got " + sinkMaxDelay);
        }
        Objects.requireNonNull(bufferTimeout, "bufferTimeout");
        if (bufferTimeout.isNegative() || bufferTimeout.isZero()) {
            throw new IllegalArgumentException("bufferTimeout must be positive, got " + bufferTimeout);
        }
        Objects.requireNonNull(featureJob, "featureJob");
        Objects.requireNonNull(journal, "journal");
    }

    /**
     * Parallelism 2, checkpoints every 2 seconds, 2 ms sink batches, 2 ms network buffers, default job
     * and journal settings.
     */
    public static EmbeddedPipelineConfig defaults() {
        return new EmbeddedPipelineConfig(2, Duration.ofSeconds(2), Duration.ofMillis(2), Duration.ofMillis(2),
                FeatureJobConfig.defaults(), JournalConfig.defaults());
    }

    public EmbeddedPipelineConfig withParallelism(int value) {
        return new EmbeddedPipelineConfig(value, checkpointInterval, sinkMaxDelay, bufferTimeout, featureJob, journal);
    }

    public EmbeddedPipelineConfig withCheckpointInterval(Duration value) {
        return new EmbeddedPipelineConfig(parallelism, value, sinkMaxDelay, bufferTimeout, featureJob, journal);
    }

    public EmbeddedPipelineConfig withSinkMaxDelay(Duration value) {
        return new EmbeddedPipelineConfig(parallelism, checkpointInterval, value, bufferTimeout, featureJob, journal);
    }

    public EmbeddedPipelineConfig withBufferTimeout(Duration value) {
        return new EmbeddedPipelineConfig(parallelism, checkpointInterval, sinkMaxDelay, value, featureJob, journal);
    }

    public EmbeddedPipelineConfig withFeatureJob(FeatureJobConfig value) {
        return new EmbeddedPipelineConfig(parallelism, checkpointInterval, sinkMaxDelay, bufferTimeout, value, journal);
    }

    public EmbeddedPipelineConfig withJournal(JournalConfig value) {
        return new EmbeddedPipelineConfig(parallelism, checkpointInterval, sinkMaxDelay, bufferTimeout, featureJob, value);
    }
}
