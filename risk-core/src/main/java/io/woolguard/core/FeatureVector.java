package io.woolguard.core;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
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
        values = values instanceof Sealed ? values : Collections.unmodifiableMap(new HashMap<>(values));
    }

    /** A builder whose map holds {@code expectedSize} features without growing (see {@link Builder}). */
    public static Builder builder(int expectedSize) {
        return new Builder(expectedSize);
    }

    /**
     * Fills a vector in place: put features into {@link #values()}, then {@link #build()} hands the map
     * to the vector, which does not copy it (the engine assembles ~40 features per decision). The map
     * must not be used after {@code build()}; the builder refuses any further use.
     */
    public static final class Builder {
        private Map<String, Double> values;

        private Builder(int expectedSize) {
            this.values = new HashMap<>((int) Math.ceil(Math.max(12, expectedSize) / 0.75));
        }

        /** The map being filled. */
        public Map<String, Double> values() {
            if (values == null) {
                throw new IllegalStateException("this builder's vector was built; its map belongs to the vector");
            }
            return values;
        }

        public FeatureVector build() {
            FeatureVector vector = new FeatureVector(new Sealed(values()));
            values = null;
            return vector;
        }
    }

    /** The read-only view a {@link Builder} hands over, which the constructor recognises and does not copy. */
    private static final class Sealed extends AbstractMap<String, Double> {
        private final Map<String, Double> owned;
        /** Entries that refuse {@code setValue}. */
        private final Set<Entry<String, Double>> entries;

        Sealed(Map<String, Double> owned) {
            this.owned = owned;
            this.entries = Collections.unmodifiableMap(owned).entrySet();
        }

        @Override
        public Double get(Object key) {
            return owned.get(key); // rules look features up many times per decision: no wrapper in between
        }

        @Override
        public boolean containsKey(Object key) {
            return owned.containsKey(key);
        }

        @Override
        public int size() {
            return owned.size();
        }

        @Override
        public Set<Entry<String, Double>> entrySet() {
            return entries;
        }
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
