package io.woolguard.rules;

import io.woolguard.core.FeatureVector;
import io.woolguard.rules.internal.CataloguedFeatures;
import java.util.Objects;

/**
 * The features of the event's entities as rules see them, by their stable names
 * ({@link io.woolguard.core.FeatureNames}, e.g. {@code device.accounts_24h}). Match it in a
 * condition ({@code f : Features(num("device.accounts_24h") >= 10)}).
 *
 * <p>An absent feature reads as 0 (no activity seen is a count of zero); use {@link #has} when
 * absence itself matters. Booleans are 0/1. Immutable and thread-safe.
 *
 * <p>(The getters it inherits are for the rule compiler, which turns {@code num("a.catalogued_name")}
 * in a condition into a property Drools can index; rules cannot call them.)
 */
public final class Features extends CataloguedFeatures {
    private Features(FeatureVector vector) {
        super(vector);
    }

    /** A view of {@code vector}. */
    public static Features of(FeatureVector vector) {
        return new Features(Objects.requireNonNull(vector, "vector"));
    }

    /** The feature's value, or 0 when absent. */
    public double num(String name) {
        return vector().get(name);
    }

    /** The feature's value as a whole number (rounded down), for messages; 0 when absent. */
    public long count(String name) {
        return (long) vector().get(name);
    }

    /** True when the feature has a value. */
    public boolean has(String name) {
        return vector().has(name);
    }

    @Override
    public String toString() {
        return "Features" + vector().values();
    }
}
