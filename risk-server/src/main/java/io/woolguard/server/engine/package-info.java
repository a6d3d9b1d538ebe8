/** Wiring of the engine, the rule pack and the feature stream (embedded Flink job or Kafka) into the service. */
package io.woolguard.server.engine;
