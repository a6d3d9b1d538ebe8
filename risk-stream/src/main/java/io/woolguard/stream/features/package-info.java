/**
 * Internals of the feature job: the per-entity windowed features (sliding bucketed counters,
 * distinct counting with expiry, exact up to a bound then HyperLogLog) and their Flink operators.
 * The arithmetic is plain Java, tested without Flink.
 */
package io.woolguard.stream.features;
