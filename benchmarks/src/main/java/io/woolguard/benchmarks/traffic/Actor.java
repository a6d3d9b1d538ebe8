package io.woolguard.benchmarks.traffic;

/** Who is really behind a simulated event: the ground truth a benchmark scores decisions against. */
public enum Actor {
    /** An ordinary customer: every block of one is a false positive. */
    LEGIT,
    /** A coupon-abuse farm: every event it sends should be challenged or blocked. */
    FARM
}
