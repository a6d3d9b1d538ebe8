package io.woolguard.benchmarks.stream;

import io.woolguard.core.EntityType;
import io.woolguard.stream.FeatureOutput;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Discards feature outputs, counting them, and counts down a latch for every marker device's
 * update ({@link SimulatedInputSource#MARKER_PREFIX}): when it reaches zero, every split's last event
 * has gone through the entity features. In-JVM statics: for a local MiniCluster only.
 */
final class MarkerSink implements Sink<FeatureOutput> {
    private static final long serialVersionUID = 1L;
    static volatile CountDownLatch markers = new CountDownLatch(0);
    static final AtomicLong OUTPUTS = new AtomicLong();
    static volatile long lastMarkerNanos;

    static void expect(int count) {
        OUTPUTS.set(0);
        lastMarkerNanos = 0;
        markers = new CountDownLatch(count);
    }

    @Override
    public SinkWriter<FeatureOutput> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(FeatureOutput output, Context context) {
                OUTPUTS.incrementAndGet();
                if (output.entityType == EntityType.DEVICE && output.entityId.startsWith(SimulatedInputSource.MARKER_PREFIX)) {
                    lastMarkerNanos = System.nanoTime();
                    markers.countDown();
                }
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}
