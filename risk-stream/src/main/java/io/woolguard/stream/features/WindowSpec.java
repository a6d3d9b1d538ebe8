package io.woolguard.stream.features;

import java.io.Serializable;

/**
 * A sliding event-time window of {@code lengthMillis}, kept as buckets of {@code bucketMillis}.
 * An event is counted from the moment it happens until its bucket has fully left the window: for at
 * least {@code length} and at most {@code length + bucket}. A rule reading "24h" therefore never
 * misses anything that happened in the last 24 hours.
 *
 * @param lengthMillis the window length; a multiple of {@code bucketMillis}
 * @param bucketMillis the bucket size: the granularity at which counts go back down
 */
public record WindowSpec(long lengthMillis, long bucketMillis) implements Serializable {
    public static final WindowSpec ONE_MINUTE = new WindowSpec(60_000L, 5_000L);
    public static final WindowSpec ONE_HOUR = new WindowSpec(3_600_000L, 60_000L);
    public static final WindowSpec ONE_DAY = new WindowSpec(86_400_000L, 1_800_000L);
    public static final WindowSpec SEVEN_DAYS = new WindowSpec(7 * 86_400_000L, 6 * 3_600_000L);
    public static final WindowSpec THIRTY_DAYS = new WindowSpec(30 * 86_400_000L, 86_400_000L);

    public WindowSpec {
        if (bucketMillis <= 0 || lengthMillis <= 0 || lengthMillis % bucketMillis != 0) {
            throw new IllegalArgumentException("a window needs a positive length that is a multiple of its bucket, got "
                    + lengthMillis + " / " + bucketMillis);
        }
    }

    /** The bucket an instant falls in. */
    public long bucketOf(long timeMillis) {
        return Math.floorDiv(timeMillis, bucketMillis);
    }

    /** The oldest bucket still counted at {@code nowMillis}. */
    public long oldestLiveBucket(long nowMillis) {
        return bucketOf(nowMillis) - lengthMillis / bucketMillis;
    }

    /** True while something that happened at {@code timeMillis} is still counted at {@code nowMillis}. */
    public boolean isLive(long timeMillis, long nowMillis) {
        return bucketOf(timeMillis) >= oldestLiveBucket(nowMillis);
    }

    /** The instant at which the bucket {@code bucket} stops being counted. */
    public long expiryOfBucket(long bucket) {
        return (bucket + lengthMillis / bucketMillis + 1) * bucketMillis;
    }
}
