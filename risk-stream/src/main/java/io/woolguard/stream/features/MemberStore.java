package io.woolguard.stream.features;

import java.util.Map;

/**
 * Where a {@link DistinctCount} keeps its members (member → last seen, epoch millis): a
 * {@code HashMap} in tests, Flink {@code MapState} in the job. Implementations may throw unchecked
 * exceptions from the state backend.
 */
public interface MemberStore {
    /** The member's last-seen time, or {@code null}. */
    Long get(String member);

    void put(String member, long lastSeenMillis);

    void remove(String member);

    /** Every member, for sweeps; removal through the store while iterating is not allowed. */
    Iterable<Map.Entry<String, Long>> entries();

    /** Removes every member. */
    void clear();
}
