package io.woolguard.benchmarks.stream;

import io.woolguard.benchmarks.traffic.TrafficModel;
import io.woolguard.core.PersonalDataHasher;
import io.woolguard.core.RiskEvent;
import io.woolguard.stream.FeatureInput;
import io.woolguard.core.Coupon;
import io.woolguard.core.Device;
import io.woolguard.core.EventType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReaderBase;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.NumberSequenceIterator;

/**
 * A bounded Flink source of {@code count} simulated events (hashed, as the engine hands them to the
 * stream), split across the job's parallel readers like {@link NumberSequenceSource}. Event {@code i}
 * is pooled event {@code i mod pool} with event time {@code start + i / eventsPerSecond}, so windows
 * roll as in live traffic. The last event of each split is a claim from a marker device
 * ({@link #MARKER_PREFIX}) so that {@link MarkerSink} can tell when every event has been processed.
 * The pool is generated once per JVM before the job starts (the benchmark
 * runs on a local MiniCluster in the same JVM), so generation is not timed.
 */
final class SimulatedInputSource implements Source<FeatureInput, NumberSequenceSplit, Collection<NumberSequenceSplit>>,
        ResultTypeQueryable<FeatureInput> {
    private static final long serialVersionUID = 1L;
    private static volatile RiskEvent[] pool;
    /** Prefix of the marker devices: the last event of every split claims from one, so a sink can tell when all input is through. */
    static final String MARKER_PREFIX = "bench-marker-";
    /** {@link System#nanoTime()} when the first event was read, or 0. */
    static final AtomicLong FIRST_READ_NANOS = new AtomicLong();

    private final NumberSequenceSource numbers;
    private final long startMillis;
    private final double eventsPerSecond;

    SimulatedInputSource(long count, long startMillis, double eventsPerSecond) {
        this.numbers = new NumberSequenceSource(0, count - 1);
        this.startMillis = startMillis;
        this.eventsPerSecond = eventsPerSecond;
    }

    /** Generates the event pool; call before the job is submitted. */
    static synchronized void preparePool(int size, double farmShare, long seed) {
        PersonalDataHasher hasher = PersonalDataHasher.withSecret("benchmark-secret-not-for-production");
        List<io.woolguard.benchmarks.traffic.TrafficEvent> traffic = TrafficModel.builder().seed(seed).farmShare(farmShare)
                .legitUsers(100_000).start(Instant.parse("2026-11-11T00:00:00Z")).build().next(size);
        RiskEvent[] events = new RiskEvent[size];
        for (int i = 0; i < size; i++) {
            events[i] = traffic.get(i).event().protect(hasher);
        }
        pool = events;
    }

    private static RiskEvent marker(long index, Instant at) {
        return RiskEvent.builder("marker-" + index, EventType.COUPON_CLAIM, "marker-account-" + index)
                .occurredAt(at).accountCreatedAt(at.minusSeconds(86_400 * 400L))
                .device(Device.of(MARKER_PREFIX + index))
                .coupon(new Coupon("member-day", null, BigDecimal.TEN, "CNY"))
                .build();
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public TypeInformation<FeatureInput> getProducedType() {
        return TypeInformation.of(FeatureInput.class);
    }

    @Override
    public SourceReader<FeatureInput, NumberSequenceSplit> createReader(SourceReaderContext context) {
        RiskEvent[] events = pool;
        if (events == null) {
            throw new IllegalStateException("call SimulatedInputSource.preparePool before running the job");
        }
        long start = startMillis;
        double rate = eventsPerSecond;
        return new IteratorSourceReaderBase<Long, FeatureInput, NumberSequenceIterator, NumberSequenceSplit>(context) {
            @Override
            protected FeatureInput convert(Long index) {
                long i = index;
                if (FIRST_READ_NANOS.get() == 0) {
                    FIRST_READ_NANOS.compareAndSet(0, System.nanoTime());
                }
                Instant at = Instant.ofEpochMilli(start + (long) (i * 1000 / rate));
                if (i == currentSplit.to()) {
                    return FeatureInput.fromEvent(marker(i, at));
                }
                RiskEvent event = events[(int) (i % events.length)];
                return FeatureInput.fromEvent(event.withOccurredAt(at));
            }
        };
    }

    @Override
    public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> createEnumerator(
            SplitEnumeratorContext<NumberSequenceSplit> context) {
        return numbers.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> restoreEnumerator(
            SplitEnumeratorContext<NumberSequenceSplit> context, Collection<NumberSequenceSplit> checkpoint) {
        return numbers.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<NumberSequenceSplit> getSplitSerializer() {
        return numbers.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<NumberSequenceSplit>> getEnumeratorCheckpointSerializer() {
        return numbers.getEnumeratorCheckpointSerializer();
    }
}
