package io.woolguard.core;

/**
 * Told about everything the engine accepts, synchronously and before the caller gets its answer,
 * so that an accepted event can be made durable for the feature stream. Implementations must be
 * thread-safe and fast; an exception marks the decision degraded (reason {@code stream}) but does
 * not fail it.
 */
public interface EngineListener {
    /** An event was accepted (decided or ingested); personal data is hashed. */
    void onEvent(RiskEvent event);

    /** A label was recorded. */
    default void onLabel(Label label) {
    }
}
