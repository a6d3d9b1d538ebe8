package io.woolguard.server.engine;

import io.woolguard.core.EngineListener;
import io.woolguard.core.RiskEngine;
import io.woolguard.server.config.ClusterConfiguration;
import io.woolguard.server.config.EmbeddedConfiguration;
import java.nio.file.Path;

/**
 * How accepted events reach the feature job and features come back, in two steps because the
 * engine needs the listener before it is built and the stream needs the engine after:
 * {@link #listener()} is registered on the engine builder, then {@link #start} runs the stream.
 */
interface StreamWiring {
    /** The listener the engine tells about every accepted event and label. */
    EngineListener listener();

    /** Starts the stream over the built engine. */
    FeatureStream start(RiskEngine engine, Path dataDirectory);

    /** Releases what {@link #listener()} opened when the engine could not be built. */
    void abandon();

    /** Embedded mode: a durable event journal in the data directory and the Flink job in this process. */
    static StreamWiring embedded(Path dataDirectory, EmbeddedConfiguration embedded) {
        return EmbeddedStreamWiring.open(dataDirectory, embedded);
    }

    /** Cluster mode: events and labels to Kafka, feature updates from Kafka into the store. */
    static StreamWiring cluster(ClusterConfiguration cluster) {
        return ClusterStreamWiring.open(cluster);
    }
}
