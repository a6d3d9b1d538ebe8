package io.woolguard.server.engine;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the feature stream's lag every {@value #EVERY_SECONDS} s once the engine has started and
 * logs, in words, when the stream falls behind, its progress while it catches up (after a restart
 * it re-reads the journal from its last checkpoint), and when it has caught up
 * ({@link StreamLagNarrator}). The same number is on {@code /health} and {@code /prometheus}.
 */
@Singleton
public final class StreamLagReporter implements AutoCloseable {
    static final long EVERY_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(StreamLagReporter.class);

    private final EngineRuntime runtime;
    private final StreamLagNarrator narrator = new StreamLagNarrator();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "woolguard-stream-lag");
        thread.setDaemon(true);
        return thread;
    });

    public StreamLagReporter(EngineRuntime runtime) {
        this.runtime = runtime;
    }

    /** Starts sampling once the engine and the stream have started. */
    @EventListener
    public void onStartup(ServerStartupEvent event) {
        runtime.startup().thenRun(() -> sampler.scheduleWithFixedDelay(this::sample, 0, EVERY_SECONDS, TimeUnit.SECONDS));
    }

    private void sample() {
        try {
            if (runtime.streamRunning()) {
                narrator.observe(runtime.streamLag(), System.nanoTime()).ifPresent(LOG::info);
            }
        } catch (RuntimeException e) {
            LOG.debug("could not read the stream lag: {}", e.toString());
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
