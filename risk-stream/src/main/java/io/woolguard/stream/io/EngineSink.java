package io.woolguard.stream.io;

import io.woolguard.core.FeatureUpdate;
import io.woolguard.core.RiskEngine;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.function.SerializableFunction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Sink V2 that writes feature updates into a {@link RiskEngine} in the same JVM
 * ({@link RiskEngine#applyFeatureUpdates}), found by name in the {@link EngineRegistry}.
 *
 * <p>Updates are buffered and applied as one batch when the batch is full, when the oldest buffered
 * update has waited {@code maxDelay} (so features stay fresh between checkpoints), and on every
 * flush. Batches are applied deferred ({@link RiskEngine#applyFeatureUpdatesDeferred}): decisions see
 * them at once, and they reach the engine's disk at the next flush, which comes before every
 * checkpoint barrier ({@link RiskEngine#flushFeatureUpdates}), so everything a completed checkpoint
 * covers is on disk, and an entity updated many times between two checkpoints is written once.
 * Updates are upserts carrying their event time, so the records a restored job replays (everything
 * after its last checkpoint, whether or not it had reached the disk) are applied again harmlessly:
 * the sink is at-least-once and the result exactly-once.
 *
 * @param <T> the job's output type, mapped to a {@link FeatureUpdate}
 */
public final class EngineSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final String engineName;
    private final SerializableFunction<T, FeatureUpdate> toUpdate;
    private final int maxBatch;
    private final long maxDelayMillis;

    private EngineSink(String engineName, SerializableFunction<T, FeatureUpdate> toUpdate, int maxBatch,
                       Duration maxDelay) {
        this.engineName = Objects.requireNonNull(engineName, "engineName");
        this.toUpdate = Objects.requireNonNull(toUpdate, "toUpdate");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        }
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must not be negative, got " + maxDelay);
        }
        this.maxBatch = maxBatch;
        this.maxDelayMillis = maxDelay.toMillis();
    }

    /**
     * A sink into the engine registered as {@code engineName}, mapping each record with {@code toUpdate}.
     * Batches of up to 1,000 updates, applied at most 10 ms after the first was buffered.
     */
    public static <T> EngineSink<T> into(String engineName, SerializableFunction<T, FeatureUpdate> toUpdate) {
        return new EngineSink<>(engineName, toUpdate, 1_000, Duration.ofMillis(10));
    }

    /** This sink with other batching limits. */
    public EngineSink<T> withBatching(int newMaxBatch, Duration newMaxDelay) {
        return new EngineSink<>(engineName, toUpdate, newMaxBatch, newMaxDelay);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer<>(this, context.getProcessingTimeService(),
                context.metricGroup().getIOMetricGroup().getNumRecordsOutCounter());
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final EngineSink<T> sink;
        private final ProcessingTimeService time;
        private final Counter applied;
        private final List<FeatureUpdate> buffer = new ArrayList<>();
        private boolean timerPending;

        Writer(EngineSink<T> sink, ProcessingTimeService time, Counter applied) {
            this.sink = sink;
            this.time = time;
            this.applied = applied;
        }

        @Override
        public void write(T element, Context context) {
            buffer.add(sink.toUpdate.apply(element));
            if (buffer.size() >= sink.maxBatch) {
                apply();
            } else if (!timerPending) {
                timerPending = true;
                // the callback runs in the task's mailbox thread, never concurrently with write()
                time.registerTimer(time.getCurrentProcessingTime() + sink.maxDelayMillis, timestamp -> {
                    timerPending = false;
                    apply();
                });
            }
        }

        @Override
        public void flush(boolean endOfInput) {
            apply();
            EngineRegistry.lookup(sink.engineName).flushFeatureUpdates();
        }

        private void apply() {
            if (buffer.isEmpty()) {
                return;
            }
            EngineRegistry.lookup(sink.engineName).applyFeatureUpdatesDeferred(List.copyOf(buffer));
            applied.inc(buffer.size());
            buffer.clear();
        }

        @Override
        public void close() {
            // Nothing to release. Buffered updates are not applied here: after a successful run
            // flush() emptied the buffer; after a failure the restored job replays them.
        }
    }
}
