/**
 * The Woolguard feature job (Flink 2.x): {@link io.woolguard.stream.FeatureJob}, its input and output
 * types and its configuration. Sources and sinks live in {@code io.woolguard.stream.io}; operators in
 * {@code io.woolguard.stream.features} and {@code io.woolguard.stream.graph} are internals.
 */
package io.woolguard.stream;
