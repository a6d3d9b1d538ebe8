package io.woolguard.stream.embedded;

import io.woolguard.core.RiskEngine;
import io.woolguard.stream.FeatureJob;
import io.woolguard.stream.FeatureOutput;
import io.woolguard.stream.io.EngineRegistry;
import io.woolguard.stream.io.EngineSink;
import io.woolguard.stream.io.FeatureInputDecoder;
import io.woolguard.stream.io.JournalSource;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The feature job running inside the server's JVM (embedded mode): accepted events and labels go
 * into the durable {@link EventJournal}; a Flink job on an in-process MiniCluster tails it and
 * upserts the features it computes into the engine's feature store, which {@code decide} reads.
 *
 * <p><b>Why nothing accepted is lost.</b> The journal is registered as the engine's
 * {@link io.woolguard.core.EngineListener}, so an event is written to the journal before its
 * decision is returned. The job checkpoints (every {@link EmbeddedPipelineConfig#checkpointInterval()},
 * RocksDB state, under {@code <dataDir>/flink-checkpoints}, retained on cancellation) its state
 * together with the journal offset it has read to. On {@link #start} it resumes from the latest
 * completed checkpoint, re-reading the journal from that offset; feature updates are upserts with
 * event times, so the re-read part changes nothing twice. Journal segments wholly below a completed
 * checkpoint's offset are deleted.
 *
 * <p>Typical wiring in the server:
 * <pre>{@code
 * EventJournal journal = EventJournal.open(EmbeddedFeaturePipeline.journalDirectory(dataDir), cfg.journal());
 * RiskEngine engine = ...builder().listener(journal)...build();   // durable before the decision returns
 * EmbeddedFeaturePipeline pipeline = EmbeddedFeaturePipeline.start(engine, journal, dataDir, cfg);
 * }</pre>
 * or {@link #start(RiskEngine, Path, EmbeddedPipelineConfig)}, which opens the journal itself (register
 * {@link #journal()} on the engine before deciding).
 *
 * <p>Thread-safe. {@link #close()} cancels the job (its checkpoints stay) and closes what it opened.
 */
public final class EmbeddedFeaturePipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFeaturePipeline.class);
    private static final String JOB_NAME = "woolguard-features";

    private final EventJournal journal;
    private final boolean ownsJournal;
    private final EngineRegistry.Registration engineRegistration;
    private final MiniCluster cluster;
    private final JobClient job;
    private final Path restoredFrom;
    private volatile boolean closed;

    private EmbeddedFeaturePipeline(EventJournal journal, boolean ownsJournal,
                                    EngineRegistry.Registration engineRegistration, MiniCluster cluster,
                                    JobClient job, Path restoredFrom) {
        this.journal = journal;
        this.ownsJournal = ownsJournal;
        this.engineRegistration = engineRegistration;
        this.cluster = cluster;
        this.job = job;
        this.restoredFrom = restoredFrom;
    }

    /** Where the journal of a data directory lives: {@code <dataDir>/journal}. */
    public static Path journalDirectory(Path dataDir) {
        return dataDir.resolve("journal");
    }

    /** Where the job's checkpoints live: {@code <dataDir>/flink-checkpoints}. */
    public static Path checkpointDirectory(Path dataDir) {
        return dataDir.resolve("flink-checkpoints");
    }

    /**
     * Opens the journal under {@code <dataDir>/journal} and starts the job; the pipeline owns the
     * journal and closes it. Register {@link #journal()} as the engine's listener before deciding.
     *
     * @throws IllegalStateException if the job cannot be submitted, or a journal is already open there
     */
    public static EmbeddedFeaturePipeline start(RiskEngine engine, Path dataDir, EmbeddedPipelineConfig cfg) {
        EventJournal journal = EventJournal.open(journalDirectory(dataDir), cfg.journal());
        try {
            return start(engine, journal, true, dataDir, cfg);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /**
     * Starts the job over a journal the caller opened (and closes); resumes from the latest
     * completed checkpoint under {@code <dataDir>/flink-checkpoints} when there is one, otherwise
     * reads the journal from its oldest record.
     *
     * @throws IllegalStateException if the job cannot be submitted
     */
    public static EmbeddedFeaturePipeline start(RiskEngine engine, EventJournal journal, Path dataDir,
                                                EmbeddedPipelineConfig cfg) {
        return start(engine, journal, false, dataDir, cfg);
    }

    private static EmbeddedFeaturePipeline start(RiskEngine engine, EventJournal journal, boolean ownsJournal,
                                                 Path dataDir, EmbeddedPipelineConfig cfg) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(cfg, "cfg");
        Path data = dataDir.toAbsolutePath().normalize();
        Path checkpoints = checkpointDirectory(data);
        Configuration conf = FeatureJob.flinkConfiguration(checkpoints, cfg.checkpointInterval());
        conf.set(ExecutionOptions.BUFFER_TIMEOUT, cfg.bufferTimeout());
        Optional<Path> latest = Checkpoints.latestCompleted(checkpoints);
        latest.ifPresent(checkpoint -> {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
            int removed = Checkpoints.deleteJobsOtherThan(checkpoints, checkpoint.getParent());
            LOG.info("Feature job resumes from checkpoint {} (removed {} older job checkpoint directories)",
                    checkpoint, removed);
        });

        String engineName = "embedded:" + data;
        EngineRegistry.Registration registration = EngineRegistry.register(engineName, engine);
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(cfg.parallelism(), conf);
            JournalSource<io.woolguard.stream.FeatureInput> source =
                    JournalSource.from(journal.directory(), journal.startOffset(), new FeatureInputDecoder());
            EngineSink<FeatureOutput> sink = EngineSink.into(engineName, FeatureOutput::toFeatureUpdate)
                    .withBatching(1_000, cfg.sinkMaxDelay());
            new FeatureJob(source, sink, cfg.featureJob()).addTo(env);
            // What env.executeAsync does, keeping a handle on the MiniCluster: its execution graph
            // tells when every task has finished initialising (opened its RocksDB, restored its
            // state), which the job's RUNNING status does not.
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName(JOB_NAME);
            AtomicReference<MiniCluster> cluster = new AtomicReference<>();
            JobClient job = LocalExecutor.createWithFactory(conf, miniClusterConfig -> {
                        MiniCluster created = new MiniCluster(miniClusterConfig);
                        cluster.set(created);
                        return created;
                    })
                    .execute(graph, Configuration.fromMap(env.getConfiguration().toMap()),
                            Thread.currentThread().getContextClassLoader())
                    .get();
            LOG.info("Feature job {} started in-process: parallelism {}, checkpoints every {} in {}, journal {} at {}",
                    job.getJobID(), cfg.parallelism(), cfg.checkpointInterval(), checkpoints, journal.directory(),
                    latest.isPresent() ? "the checkpointed offset" : "offset " + journal.startOffset());
            return new EmbeddedFeaturePipeline(journal, ownsJournal, registration, cluster.get(), job,
                    latest.orElse(null));
        } catch (Exception e) {
            registration.close();
            throw new IllegalStateException("cannot start the embedded feature job: " + e.getMessage(), e);
        }
    }

    /** The journal the job reads; the engine's listener. */
    public EventJournal journal() {
        return journal;
    }

    /** The checkpoint this run resumed from, if any. */
    public Optional<Path> restoredFrom() {
        return Optional.ofNullable(restoredFrom);
    }

    /**
     * True while the job is running with every task past its initialisation (false while the tasks
     * open their state, while the job restarts after a failure, and after {@link #close()}).
     */
    public boolean isRunning() {
        return !closed && runsWithEveryTask(executionGraph());
    }

    /**
     * Whether the job is RUNNING and so is every one of its tasks. The job turns RUNNING as soon as
     * its tasks are deployed; each then opens its RocksDB instance and restores its state, which took
     * 2–3 s on 2 cores, and reads nothing meanwhile.
     */
    private static boolean runsWithEveryTask(AccessExecutionGraph graph) {
        if (graph == null || graph.getState() != JobStatus.RUNNING) {
            return false;
        }
        for (AccessExecutionVertex task : graph.getAllExecutionVertices()) {
            if (task.getExecutionState() != ExecutionState.RUNNING) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until the job runs with all its tasks initialised ({@link #isRunning()}), at most
     * {@code timeout}; true when it does. For readiness checks and tests.
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            AccessExecutionGraph graph = executionGraph();
            if (runsWithEveryTask(graph)) {
                return true;
            }
            if (graph != null && graph.getState().isGloballyTerminalState()) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return false;
    }

    /** The job's status and its tasks' states, in one read; null once the job and its MiniCluster are gone. */
    private AccessExecutionGraph executionGraph() {
        try {
            return cluster.getExecutionGraph(job.getJobID()).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Journal records the job has not read yet (journal end offset minus the source's position): the
     * {@code woolguard_stream_lag} gauge.
     */
    public long lag() {
        return journal.lag();
    }

    /**
     * Cancels the job (waiting up to 30 s for it to stop; its checkpoints stay for the next start),
     * unregisters the engine, and closes the journal if this pipeline opened it. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            job.cancel().get(30, TimeUnit.SECONDS);
            job.getJobExecutionResult().handle((result, failure) -> null).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Cancelling the feature job {} did not complete cleanly: {}", job.getJobID(), e.toString());
        } finally {
            engineRegistration.close();
            if (ownsJournal) {
                journal.close();
            }
        }
        LOG.info("Feature job {} stopped", job.getJobID());
    }
}
