/** JMH benchmarks of the in-process engine: {@code RiskEngine.decide} end to end. */
package io.woolguard.benchmarks.engine;
