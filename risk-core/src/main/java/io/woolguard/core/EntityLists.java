package io.woolguard.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The BLOCK / ALLOW / WATCH lists, persisted. Values of personal-data entity types may be given
 * raw: they are hashed before they are stored. Thread-safe.
 */
public interface EntityLists {
    /**
     * Adds or replaces an entry.
     *
     * @param ttl how long it applies, {@code null} for ever
     * @return the stored entry
     */
    ListEntry put(ListType list, EntityType type, String value, Duration ttl, String reason, String actor);

    /** Removes an entry; returns false if there was none. */
    boolean remove(ListType list, EntityType type, String value, String actor);

    /** The live (unexpired) entry, if any. */
    Optional<ListEntry> find(ListType list, EntityType type, String value);

    /**
     * One page of a list's live entries in key order.
     *
     * @param after the last key of the previous page ({@link ListPage#nextCursor()}), or {@code null}
     * @param limit 1–1,000
     */
    ListPage page(ListType list, String after, int limit);

    /** A page of entries and the cursor for the next one ({@code null} at the end). */
    record ListPage(List<ListEntry> entries, String nextCursor) {
        public ListPage {
            entries = List.copyOf(entries);
        }
    }
}
