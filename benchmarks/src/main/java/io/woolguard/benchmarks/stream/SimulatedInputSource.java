package io.woolguard.benchmarks.stream;

import io.woolguard.benchmarks.traffic.TrafficModel;
import io.woolguard.core.PersonalDataHasher;
import io.woolguard.core.RiskEvent;
import io.woolguard.stream.FeatureInput;
import java.time.Instant;
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
 * roll as in live traffic. The pool is generated once per JVM before the job starts (the benchmark
 * runs on a local MiniCluster in the same JVM), so generation is not timed.
 */
final class SimulatedInputSource implements Source<FeatureInput, NumberSequenceSplit, Collection<NumberSequenceSplit>>,
        ResultTypeQueryable<FeatureInput> {
    private static final long serialVersionUID = 1L;
    private static volatile RiskEvent[] pool;

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
                RiskEvent event = events[(int) (i % events.length)];
                return FeatureInput.fromEvent(event.withOccurredAt(Instant.ofEpochMilli(start + (long) (i * 1000 / rate))));
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
