package io.woolguard.core.internal.store;

import io.woolguard.core.FeatureNames;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored features of one entity, each with the event time it is valid as of. Immutable.
 *
 * <p>Held in the feature cache for hundreds of thousands of entities, so it is three parallel
 * arrays over shared {@link Feature} descriptors rather than a map of boxed values: about a quarter
 * of the memory per entity, so the same heap caches about four times as many entities, and a
 * cache miss (a RocksDB read) is what a decision pays for every entity that does not fit.
 */
public final class StoredFeatures {
    private static final StoredFeatures EMPTY = new StoredFeatures(new Feature[0], new double[0], new long[0]);
    /** Feature names come from the stream job's finite vocabulary; the bound only guards memory. */
    private static final int MAX_CANONICAL_NAMES = 4_096;
    private static final Map<String, Feature> CANONICAL = new ConcurrentHashMap<>();

    /** A feature name and its stream window, one instance per name, shared by every entity. */
    static final class Feature {
        final String name;
        final long windowMillis;

        private Feature(String name) {
            this.name = name;
            this.windowMillis = FeatureNames.streamWindowMillis(name);
        }
    }

    private final Feature[] features;
    private final double[] values;
    private final long[] eventTimes;

    private StoredFeatures(Feature[] features, double[] values, long[] eventTimes) {
        this.features = features;
        this.values = values;
        this.eventTimes = eventTimes;
    }

    /** No features. */
    public static StoredFeatures empty() {
        return EMPTY;
    }

    /** The shared descriptor of {@code name}. */
    static Feature feature(String name) {
        Feature known = CANONICAL.get(name);
        if (known != null) {
            return known;
        }
        Feature created = new Feature(name);
        if (CANONICAL.size() >= MAX_CANONICAL_NAMES) {
            return created;
        }
        Feature raced = CANONICAL.putIfAbsent(name, created);
        return raced == null ? created : raced;
    }

    /**
     * Features from parallel arrays (the codec's decode), which this instance takes over.
     *
     * @throws IllegalArgumentException if the arrays differ in length or a name repeats
     */
    static StoredFeatures of(Feature[] features, double[] values, long[] eventTimes) {
        if (features.length != values.length || features.length != eventTimes.length) {
            throw new IllegalArgumentException("stored features: " + features.length + " names, " + values.length
                    + " values and " + eventTimes.length + " times");
        }
        for (int i = 0; i < features.length; i++) {
            for (int j = 0; j < i; j++) {
                if (features[j].name.equals(features[i].name)) {
                    throw new IllegalArgumentException("stored features name " + features[i].name + " twice");
                }
            }
        }
        return features.length == 0 ? EMPTY : new StoredFeatures(features, values, eventTimes);
    }

    /** How many features are stored. */
    public int size() {
        return features.length;
    }

    public boolean isEmpty() {
        return features.length == 0;
    }

    String name(int index) {
        return features[index].name;
    }

    double value(int index) {
        return values[index];
    }

    long eventTimeMillis(int index) {
        return eventTimes[index];
    }

    /**
     * Puts every value into {@code into} as of {@code timeMillis}: a windowed count whose newest
     * event time lies a whole window or more before it reads 0, because everything it counted has
     * slid out. The stream says so itself only when its event time moves past the window's end,
     * which on a quiet stream can be much later (a busy evening's {@code ip.claims_1m} must not
     * greet the next morning's first customer).
     */
    public void putValuesAsOf(long timeMillis, Map<String, Double> into) {
        for (int i = 0; i < features.length; i++) {
            long window = features[i].windowMillis;
            boolean slidOut = window > 0 && timeMillis - eventTimes[i] >= window;
            into.put(features[i].name, slidOut ? 0.0 : values[i]);
        }
    }

    /**
     * Merges newer values in: a feature is replaced only by a value at the same or a later event
     * time, so an update that arrives late never overwrites a newer one.
     *
     * @return the merged features, or this instance when no value was taken
     */
    public StoredFeatures merge(Map<String, Double> update, long eventTimeMillis) {
        Feature[] mergedFeatures = null;
        double[] mergedValues = null;
        long[] mergedTimes = null;
        int size = features.length;
        for (Map.Entry<String, Double> entry : update.entrySet()) {
            String name = Objects.requireNonNull(entry.getKey(), "feature name");
            double value = Objects.requireNonNull(entry.getValue(), name);
            int index = indexOf(mergedFeatures == null ? features : mergedFeatures, size, name);
            long[] times = mergedTimes == null ? eventTimes : mergedTimes;
            if (index >= 0 && times[index] > eventTimeMillis) {
                continue;
            }
            if (mergedFeatures == null) {
                int capacity = features.length + update.size();
                mergedFeatures = Arrays.copyOf(features, capacity);
                mergedValues = Arrays.copyOf(values, capacity);
                mergedTimes = Arrays.copyOf(eventTimes, capacity);
            }
            if (index < 0) {
                index = size++;
                mergedFeatures[index] = feature(name);
            }
            mergedValues[index] = value;
            mergedTimes[index] = eventTimeMillis;
        }
        if (mergedFeatures == null) {
            return this;
        }
        return new StoredFeatures(Arrays.copyOf(mergedFeatures, size), Arrays.copyOf(mergedValues, size),
                Arrays.copyOf(mergedTimes, size));
    }

    private static int indexOf(Feature[] features, int size, String name) {
        for (int i = 0; i < size; i++) {
            if (features[i].name.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("StoredFeatures{");
        for (int i = 0; i < features.length; i++) {
            text.append(i == 0 ? "" : ", ").append(features[i].name).append('=').append(values[i])
                    .append('@').append(eventTimes[i]);
        }
        return text.append('}').toString();
    }
}
