/**
 * Stream benchmarks, as plain mains with their own timing (a streaming job does not fit JMH's
 * invocation model): {@link io.woolguard.benchmarks.stream.FeatureJobThroughputBenchmark} (events/s
 * through the full feature job on a local MiniCluster) and
 * {@link io.woolguard.benchmarks.stream.EmbeddedFreshnessBenchmark} (event accepted by the engine →
 * feature visible to {@code decide}, in embedded mode).
 */
package io.woolguard.benchmarks.stream;
