package io.woolguard.core;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Named numeric features (CONTRACT §6: {@code entity.measure_window}) used for one decision.
 * Booleans are 0/1, instants are epoch milliseconds. Immutable.
 *
 * <p>Rules look features up by name many times per decision, so {@link #values()} is a hash map
 * (no particular order); {@link #sorted()} gives them by name for people to read.
 */
public record FeatureVector(Map<String, Double> values) {
    private static final FeatureVector EMPTY = new FeatureVector(Map.of());

    public FeatureVector {
        values = Collections.unmodifiableMap(new HashMap<>(values));
    }

    /** No features. */
    public static FeatureVector empty() {
        return EMPTY;
    }

    /** The value, or 0 when the feature is absent (no activity seen is a count of zero). */
    public double get(String name) {
        Double value = values.get(name);
        return value == null ? 0.0 : value;
    }

    /** True when the feature has a value. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The features ordered by name (a new map, for output people read). */
    public SortedMap<String, Double> sorted() {
        return new TreeMap<>(values);
    }
}
