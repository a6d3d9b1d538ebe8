package io.woolguard.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Kafka settings for cluster mode ({@code woolguard.cluster.*}, e.g.
 * {@code WOOLGUARD_CLUSTER_BOOTSTRAP_SERVERS}). Unused in embedded mode.
 *
 * @param bootstrapServers the Kafka brokers
 * @param eventsTopic      where accepted events (personal data hashed) are published
 * @param labelsTopic      where labels are published
 * @param featuresTopic    where the feature job publishes feature updates, materialised into the store
 * @param groupId          the consumer group of this service's feature materialiser
 */
@ConfigurationProperties("woolguard.cluster")
public record ClusterConfiguration(
        @Bindable(defaultValue = "localhost:9092") String bootstrapServers,
        @Bindable(defaultValue = "woolguard.events") String eventsTopic,
        @Bindable(defaultValue = "woolguard.labels") String labelsTopic,
        @Bindable(defaultValue = "woolguard.features") String featuresTopic,
        @Bindable(defaultValue = "woolguard-server") String groupId) {
}
