/**
 * Cluster mode: the feature job as a {@code flink run} jar between Kafka topics
 * ({@link io.woolguard.stream.cluster.FeatureJobMain}), the server-side producer of accepted events
 * and labels ({@link io.woolguard.stream.cluster.KafkaEventPublisher}) and the consumer that
 * materialises the features topic into each server's local feature store
 * ({@link io.woolguard.stream.cluster.FeatureMaterializer}).
 */
package io.woolguard.stream.cluster;
