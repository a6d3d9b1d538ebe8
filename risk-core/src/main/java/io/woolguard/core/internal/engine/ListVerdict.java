package io.woolguard.core.internal.engine;

import io.woolguard.core.ListEntry;
import java.util.List;

/**
 * What the lists say about one event's entities.
 *
 * @param allowed entries on the ALLOW list (any one wins)
 * @param blocked entries on the BLOCK list
 * @param watched entries on the WATCH list
 */
record ListVerdict(List<ListEntry> allowed, List<ListEntry> blocked, List<ListEntry> watched) {
    ListVerdict {
        allowed = List.copyOf(allowed);
        blocked = List.copyOf(blocked);
        watched = List.copyOf(watched);
    }
}
