package io.woolguard.core.internal.store;

import io.woolguard.core.FeatureNames;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The stored features of one entity, each with the event time it is valid as of. Immutable.
 *
 * @param values feature name → value and event time
 */
public record StoredFeatures(Map<String, Timed> values) {
    private static final StoredFeatures EMPTY = new StoredFeatures(Map.of());

    /** One value and the event time (epoch millis) it is valid as of. */
    public record Timed(double value, long eventTimeMillis) {
    }

    public StoredFeatures {
        values = Collections.unmodifiableMap(new HashMap<>(values));
    }

    /** No features. */
    public static StoredFeatures empty() {
        return EMPTY;
    }

    /**
     * Puts every value into {@code into} as of {@code timeMillis}: a windowed count whose newest
     * event time lies a whole window or more before it reads 0, because everything it counted has
     * slid out. The stream says so itself only when its event time moves past the window's end,
     * which on a quiet stream can be much later (a busy evening's {@code ip.claims_1m} must not
     * greet the next morning's first customer).
     */
    public void putValuesAsOf(long timeMillis, Map<String, Double> into) {
        values.forEach((name, timed) -> {
            long window = FeatureNames.streamWindowMillis(name);
            boolean slidOut = window > 0 && timeMillis - timed.eventTimeMillis() >= window;
            into.put(name, slidOut ? 0.0 : timed.value());
        });
    }

    /**
     * Merges newer values in: a feature is replaced only by a value at the same or a later event
     * time, so an update that arrives late never overwrites a newer one.
     */
    public StoredFeatures merge(Map<String, Double> update, long eventTimeMillis) {
        Map<String, Timed> merged = new HashMap<>(values);
        boolean changed = false;
        for (Map.Entry<String, Double> entry : update.entrySet()) {
            Timed current = merged.get(entry.getKey());
            if (current == null || current.eventTimeMillis() <= eventTimeMillis) {
                merged.put(entry.getKey(), new Timed(entry.getValue(), eventTimeMillis));
                changed = true;
            }
        }
        return changed ? new StoredFeatures(merged) : this;
    }
}
