package io.woolguard.stream.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SlidingCountTest {
    private static final long MIN = 60_000L;
    private static final long T0 = 1_700_000_000_000L - Math.floorMod(1_700_000_000_000L, 60 * MIN);

    @Test
    void count_keepsAnEventForAtLeastTheWindowAndAtMostOneBucketMore() {
        SlidingCount c = new SlidingCount(WindowSpec.ONE_HOUR);
        c.add(T0 + 30_000, 1, T0 + 30_000);
        assertEquals(1, c.count(T0 + 30_000));
        assertEquals(1, c.count(T0 + 60 * MIN + 29_999), "still inside the hour");
        assertEquals(1, c.count(T0 + 60 * MIN + 59_999), "inside the extra bucket");
        assertEquals(0, c.count(T0 + 61 * MIN), "gone once its bucket left the window");
        assertEquals(T0 + 61 * MIN, c.nextExpiry(T0 + 30_000));
    }

    @Test
    void add_outOfOrderLandsInItsOwnBucketAndExpiresWithIt() {
        SlidingCount c = new SlidingCount(WindowSpec.ONE_HOUR);
        c.add(T0 + 10 * MIN, 1, T0 + 10 * MIN);
        c.add(T0 + 2 * MIN, 1, T0 + 10 * MIN);
        assertEquals(2, c.count(T0 + 10 * MIN));
        assertEquals(T0 + 63 * MIN, c.nextExpiry(T0 + 10 * MIN), "the older bucket expires first");
        assertEquals(1, c.count(T0 + 63 * MIN));
        assertEquals(2, c.bucketCount());
        c.prune(T0 + 63 * MIN);
        assertEquals(1, c.bucketCount(), "expired bucket dropped");
    }

    @Test
    void add_ignoresTimesThatAlreadyLeftTheWindow() {
        SlidingCount c = new SlidingCount(WindowSpec.ONE_MINUTE);
        assertFalse(c.add(T0, 1, T0 + 2 * MIN));
        assertEquals(0, c.count(T0 + 2 * MIN));
        assertTrue(c.isEmpty(T0 + 2 * MIN));
    }

    @Test
    void add_negativeDeltaEmptiesBucket() {
        SlidingCount c = new SlidingCount(WindowSpec.ONE_DAY);
        c.add(T0, 2, T0);
        c.add(T0, -2, T0);
        assertEquals(0, c.bucketCount());
        assertEquals(Long.MAX_VALUE, c.nextExpiry(T0));
    }

    @Test
    void sumOfPreviousBuckets_excludesTheCurrentBucket() {
        SlidingCount perMinute = new SlidingCount(new WindowSpec(30 * MIN, MIN));
        perMinute.add(T0 + 5 * MIN, 3, T0 + 5 * MIN);
        perMinute.add(T0 + 6 * MIN, 2, T0 + 6 * MIN);
        perMinute.add(T0 + 7 * MIN + 1, 9, T0 + 7 * MIN + 1);
        assertEquals(5, perMinute.sumOfPreviousBuckets(T0 + 7 * MIN + 1, 30));
        assertEquals(2, perMinute.sumOfPreviousBuckets(T0 + 7 * MIN + 1, 1));
    }

    @Test
    void writeTo_roundTrips() throws IOException {
        SlidingCount c = new SlidingCount(WindowSpec.SEVEN_DAYS);
        for (int i = 0; i < 20; i++) {
            c.add(T0 + i * 3_600_000L * 7, 1 + i, T0 + 20 * 3_600_000L * 7);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.writeTo(new DataOutputStream(bytes));
        SlidingCount back = SlidingCount.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                WindowSpec.SEVEN_DAYS);
        long now = T0 + 20 * 3_600_000L * 7;
        assertEquals(c.count(now), back.count(now));
        assertEquals(c.bucketCount(), back.bucketCount());
        assertEquals(c.nextExpiry(now), back.nextExpiry(now));
    }
}
