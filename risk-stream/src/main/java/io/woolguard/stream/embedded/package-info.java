/**
 * Embedded mode: the durable {@link io.woolguard.stream.embedded.EventJournal} the engine writes
 * every accepted event and label to, and the {@link io.woolguard.stream.embedded.EmbeddedFeaturePipeline}
 * that runs the feature job over it on an in-process Flink MiniCluster, feeding the engine's feature store.
 */
package io.woolguard.stream.embedded;
