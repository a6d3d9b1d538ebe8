/**
 * Decision quality: the traffic model's farm and legit scenarios played through a rule pack in
 * process, with per-scenario outcomes and the reasons behind every legit customer not allowed.
 * Entry point: {@link io.woolguard.benchmarks.quality.DecisionQuality}.
 */
package io.woolguard.benchmarks.quality;
