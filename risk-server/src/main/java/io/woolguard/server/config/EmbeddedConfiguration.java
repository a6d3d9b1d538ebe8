package io.woolguard.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The in-process feature job of embedded mode ({@code woolguard.embedded.*}, e.g.
 * {@code WOOLGUARD_EMBEDDED_PARALLELISM}). Unused in cluster mode.
 *
 * @param parallelism        Flink parallelism of the job, 1 to 64
 * @param checkpointInterval how often the job checkpoints its state with the journal offset it has read;
 *                           after a crash at most this much of the journal is re-read (idempotently).
 *                           A trade-off: each checkpoint flushes the job's RocksDB memtables on its task
 *                           thread. The default, 2 s, takes ~100–250 µs less CPU per event than 1 s at
 *                           300–1,000 events/s with the same freshness p99 (39.8–61.6 ms in four runs,
 *                           target 100 ms); at 10 s each flush stalls features long enough to break that
 *                           target (docs/PERFORMANCE.md)
 * @param backgroundNiceness Linux nice value (0–19) for the feature job's threads,
 *                           so that decisions get contended cores first; 0 leaves every thread alone
 */
@ConfigurationProperties("woolguard.embedded")
public record EmbeddedConfiguration(
        @Bindable(defaultValue = "2") int parallelism,
        @Bindable(defaultValue = "2s") Duration checkpointInterval,
        @Bindable(defaultValue = "10") int backgroundNiceness) {

    /** Checks the values once at startup; throws {@link IllegalStateException} naming the key. */
    public void validate() {
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalStateException("woolguard.embedded.parallelism must be between 1 and 64, got " + parallelism);
        }
        if (checkpointInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalStateException("woolguard.embedded.checkpoint-interval must be at least 100ms, got "
                    + checkpointInterval);
        }
        if (backgroundNiceness < 0 || backgroundNiceness > 19) {
            throw new IllegalStateException("woolguard.embedded.background-niceness must be between 0 and 19, got "
                    + backgroundNiceness);
        }
    }
}
