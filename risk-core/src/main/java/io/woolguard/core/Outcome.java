package io.woolguard.core;

/** What the storefront should do with the claim or order, ordered from mildest to strictest. */
public enum Outcome {
    /** Let it through. */
    ALLOW,
    /** Step up: ask for a captcha or an SMS code before letting it through. */
    CHALLENGE,
    /** Let it through, but queue it for an analyst. */
    REVIEW,
    /** Refuse it. */
    BLOCK;

    /** Returns the stricter of this and {@code other}. */
    public Outcome atLeast(Outcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
