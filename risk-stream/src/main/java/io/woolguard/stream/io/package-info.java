/**
 * Where the feature job's events come from and where its features go: the FLIP-27
 * {@link io.woolguard.stream.io.JournalSource} that tails the embedded event journal with its
 * offset checkpointed, and the Sink V2 {@link io.woolguard.stream.io.EngineSink} that upserts
 * feature updates into a {@link io.woolguard.core.RiskEngine} in the same JVM.
 */
package io.woolguard.stream.io;
