/** JMH benchmarks of the feature store: RocksDB reads on a cache miss versus Caffeine hits. */
package io.woolguard.benchmarks.store;
