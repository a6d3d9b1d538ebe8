/**
 * JMH benchmarks of rule packs: evaluation time as the pack grows, and compile-and-activate time of
 * a large pack. {@link io.woolguard.benchmarks.rules.GeneratedRules} writes the packs.
 */
package io.woolguard.benchmarks.rules;
