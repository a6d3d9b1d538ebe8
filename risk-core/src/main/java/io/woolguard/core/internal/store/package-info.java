/**
 * Persistence: one RocksDB database under {@code <dataDir>/rocksdb} with a column family per kind of
 * data, the feature store (Caffeine in front of RocksDB) and the decision log. Uses only the RocksDB
 * Java API present in both {@code org.rocksdb:rocksdbjni} and Flink's {@code frocksdbjni}, because
 * exactly one of them is on a JVM's classpath.
 */
package io.woolguard.core.internal.store;
