package io.woolguard.stream;

import io.woolguard.stream.features.EntityFeatureFunction;
import io.woolguard.stream.features.WriteBackProcessOperator;
import io.woolguard.stream.features.EntityObservation;
import io.woolguard.stream.features.LateEventFilter;
import io.woolguard.stream.features.ObservationSplitter;
import io.woolguard.stream.graph.GraphFeatureFunction;
import io.woolguard.stream.graph.GraphInput;
import io.woolguard.stream.graph.GraphInputExtractor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.rocksdb.CompressionType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * The Woolguard feature job: turns accepted events and analyst labels into absolute feature values
 * (upserts) for devices, accounts, IPs, subnets, personal-data identifiers, campaigns and
 * linked-account clusters.
 *
 * <p>The job takes its source and sink as arguments ({@code main} in embedded or cluster mode plugs
 * in the real ones) and is wired into an environment by {@link #addTo(StreamExecutionEnvironment)}.
 * Operators (name = uid, stable across versions so that savepoints survive upgrades):
 * <ul>
 *   <li>{@code feature-input}: the source, with bounded-out-of-orderness watermarks;</li>
 *   <li>{@code late-event-filter}: diverts events later than the allowed lateness to {@link #LATE_EVENTS}
 *       and counts them;</li>
 *   <li>{@code entity-observations}: splits each event into one observation per entity it names;</li>
 *   <li>{@code entity-features}: keyed by entity, the windowed counts, distinct counts and first
 *       sightings of devices, accounts, IPs, subnets, phones, e-mails, addresses, payment instruments
 *       and campaigns; also sends account–identifier links to the graph (run by a
 *       {@link WriteBackProcessOperator}: recently used entities are written to state when evicted
 *       and before each checkpoint barrier);</li>
 *   <li>{@code graph-inputs}: picks claims and account labels for the graph;</li>
 *   <li>{@code graph-features}: linked-account clusters (parallelism 1, see {@link GraphFeatureFunction});</li>
 *   <li>{@code feature-sink} and {@code graph-feature-sink}: the sink, once behind the entity features
 *       and once behind the graph (each chained to its producer).</li>
 * </ul>
 */
public final class FeatureJob {
    /** Inputs dropped because they arrived later than {@link FeatureJobConfig#allowedLateness()}. */
    public static final OutputTag<FeatureInput> LATE_EVENTS = new OutputTag<>("late-events") { };
    /** Managed (RocksDB) memory of a local MiniCluster run by {@link #flinkConfiguration}. */
    static final MemorySize LOCAL_MANAGED_MEMORY = MemorySize.ofMebiBytes(256);

    private final Source<FeatureInput, ?, ?> source;
    private final Sink<FeatureOutput> sink;
    private final FeatureJobConfig config;

    /**
     * @param source where events and labels come from (bounded or not)
     * @param sink   where feature updates go; it must apply them as upserts (they are absolute values)
     *               and must not modify them (see {@link #flinkConfiguration(String, Duration)})
     * @param config tunables; {@link FeatureJobConfig#defaults()} is a good start
     */
    public FeatureJob(Source<FeatureInput, ?, ?> source, Sink<FeatureOutput> sink, FeatureJobConfig config) {
        this.source = Objects.requireNonNull(source, "source");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Adds the job's operators to {@code env} (call {@code env.execute(...)} afterwards).
     *
     * @return the feature stream and the late-event side output, e.g. for tests to tap
     */
    public Wiring addTo(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<FeatureInput> inputs = inputs(env);
        SingleOutputStreamOperator<FeatureOutput> entities = inputs
                .flatMap(new ObservationSplitter(config.lowPriceRatio()))
                .name("entity-observations").uid("entity-observations")
                .keyBy(EntityObservation::key)
                .transform("entity-features", TypeInformation.of(FeatureOutput.class),
                        new WriteBackProcessOperator<>(new EntityFeatureFunction(config)))
                .name("entity-features").uid("entity-features");
        DataStream<GraphInput> claimsAndLabels = inputs
                .flatMap(new GraphInputExtractor())
                .name("graph-inputs").uid("graph-inputs");
        SingleOutputStreamOperator<FeatureOutput> graph = claimsAndLabels
                .union(entities.getSideOutput(EntityFeatureFunction.GRAPH_EDGES))
                .keyBy(new SingleGraphKey(), Types.INT)
                .process(new GraphFeatureFunction(config))
                .name("graph-features").uid("graph-features")
                .setParallelism(1).setMaxParallelism(1);
        // One sink instance behind each producer rather than one behind their union: a sink with a
        // single forward input chains into its producer, so feature updates are neither serialised
        // nor wait for a network buffer on their way out (freshness, and ~4 updates per event).
        entities.sinkTo(sink).name("feature-sink").uid("feature-sink");
        graph.sinkTo(sink).name("graph-feature-sink").uid("graph-feature-sink").setParallelism(1);
        return new Wiring(entities.union(graph), inputs.getSideOutput(LATE_EVENTS));
    }

    /**
     * What {@link #addTo} wired, for callers that want to tap it.
     *
     * @param features   every feature update, as sent to the sink
     * @param lateEvents inputs dropped as too late (already counted in {@code lateEventsDropped})
     */
    public record Wiring(DataStream<FeatureOutput> features, DataStream<FeatureInput> lateEvents) {
    }

    /** Every graph input goes to the one graph instance. */
    private static final class SingleGraphKey implements KeySelector<GraphInput, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer getKey(GraphInput value) {
            return 0;
        }
    }

    SingleOutputStreamOperator<FeatureInput> inputs(StreamExecutionEnvironment env) {
        WatermarkStrategy<FeatureInput> watermarks = WatermarkStrategy
                .<FeatureInput>forBoundedOutOfOrderness(config.outOfOrderness())
                .withTimestampAssigner((in, previous) -> in.eventTimeMillis)
                .withIdleness(config.sourceIdleness());
        return env.fromSource(source, watermarks, "feature-input").uid("feature-input")
                .process(new LateEventFilter(config.allowedLateness().toMillis(), LATE_EVENTS))
                .name("late-event-filter").uid("late-event-filter");
    }

    /**
     * A Flink configuration for running the job: RocksDB state backend with incremental checkpoints
     * every {@code checkpointInterval} (exactly-once) into {@code checkpointDirectory}, retained on
     * cancellation so that a restart resumes from the last one. Object reuse is on: a sink given to
     * this job must not modify the {@link FeatureOutput}s it receives.
     *
     * @param checkpointDirectory a local directory or a URI string's path ({@code file:}, {@code s3:}…)
     * @param checkpointInterval  how often to checkpoint, e.g. 10 s
     */
    public static Configuration flinkConfiguration(Path checkpointDirectory, Duration checkpointInterval) {
        Objects.requireNonNull(checkpointDirectory, "checkpointDirectory");
        return flinkConfiguration(checkpointDirectory.toAbsolutePath().toUri().toString(), checkpointInterval);
    }

    /** As {@link #flinkConfiguration(Path, Duration)} with the checkpoint location as a URI ({@code s3://…}). */
    public static Configuration flinkConfiguration(String checkpointUri, Duration checkpointInterval) {
        Objects.requireNonNull(checkpointUri, "checkpointUri");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("checkpointInterval must be positive, got " + checkpointInterval);
        }
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointUri);
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // Most state reads are point lookups (one value per entity, graph vertices), many of keys not
        // written yet: bloom filters let RocksDB skip the SST files that cannot hold the key.
        conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        // The hot levels (memtable flushes and L1, where most reads land) stay uncompressed: with
        // Snappy everywhere, decompressing blocks on block-cache misses took ~18% of the benchmark's CPU.
        conf.set(RocksDBConfigurableOptions.COMPRESSION_PER_LEVEL,
                List.of(CompressionType.NO_COMPRESSION, CompressionType.NO_COMPRESSION, CompressionType.LZ4_COMPRESSION));
        // level-0 compactions four times rarer: each checkpoint adds a level-0 file per state
        conf.set(RocksDBOptions.OPTIONS_FACTORY, FeatureStateRocksDbOptions.class.getName());
        // Local execution (embedded mode, tests, benchmarks) gives RocksDB 128 MB of managed memory
        // for all slots' operators together, a block cache far smaller than the entity state; twice
        // that keeps more of it cached. A cluster's task managers take their own setting, not this one.
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, LOCAL_MANAGED_MEMORY);
        // Chained operators hand records on without a defensive copy: every operator of this job
        // emits new objects and none modifies what it receives (nor may the sink). Without it, each
        // event was copied field by field in the source's chain and each update in the sink's.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        return conf;
    }
}
