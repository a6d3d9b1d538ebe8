package io.woolguard.server.engine;

import io.woolguard.core.EngineListener;
import io.woolguard.core.RiskEngine;
import io.woolguard.server.config.ClusterConfiguration;
import io.woolguard.stream.cluster.FeatureMaterializer;
import io.woolguard.stream.cluster.KafkaEventPublisher;
import java.nio.file.Path;
import java.util.Map;

/**
 * Cluster mode: every accepted event and label is produced to Kafka (acknowledged before the
 * decision returns) and the feature job, running elsewhere, publishes updates that a
 * {@link FeatureMaterializer} applies to this server's store.
 */
final class ClusterStreamWiring implements StreamWiring {
    private final ClusterConfiguration cluster;
    private final KafkaEventPublisher publisher;

    private ClusterStreamWiring(ClusterConfiguration cluster, KafkaEventPublisher publisher) {
        this.cluster = cluster;
        this.publisher = publisher;
    }

    static ClusterStreamWiring open(ClusterConfiguration cluster) {
        return new ClusterStreamWiring(cluster,
                new KafkaEventPublisher(cluster.bootstrapServers(), cluster.eventsTopic(), cluster.labelsTopic()));
    }

    @Override
    public EngineListener listener() {
        return publisher;
    }

    @Override
    public FeatureStream start(RiskEngine engine, Path dataDirectory) {
        FeatureMaterializer materializer = FeatureMaterializer.start(engine, cluster.bootstrapServers(),
                cluster.featuresTopic(), cluster.groupId(), Map.of());
        String description = "Kafka (" + cluster.bootstrapServers() + ": events to " + cluster.eventsTopic()
                + ", features from " + cluster.featuresTopic() + ")";
        return new FeatureStream() {
            @Override
            public boolean isRunning() {
                return materializer.isRunning();
            }

            @Override
            public long lag() {
                return 0; // the job's consumer lag is measured by Kafka, not by this server
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void close() {
                try {
                    materializer.close();
                } finally {
                    publisher.close();
                }
            }
        };
    }

    @Override
    public void abandon() {
        publisher.close();
    }
}
