package io.woolguard.server.engine;

/**
 * The feature stream as the service sees it: the Flink job in this process (embedded mode) or the
 * Kafka publisher and feature materialiser (cluster mode). Implementations are thread-safe.
 */
public interface FeatureStream extends AutoCloseable {
    /** True while events flow to the feature job and its updates flow back. */
    boolean isRunning();

    /** How far behind the stream is: events accepted but not yet reflected in stored features. */
    long lag();

    /** A few words for logs and {@code /health}, e.g. {@code embedded Flink job}. */
    String description();

    /** Stops the stream; accepted events stay durable for the next start. */
    @Override
    void close();
}
