package io.woolguard.core.internal.store;

import io.woolguard.core.Explanation;
import java.time.Instant;
import java.util.Optional;
import org.rocksdb.RocksIterator;

/**
 * Stored decisions, by event id, as {@link Explanation}s in {@link ExplanationCodec}'s binary form, with a time index (decidedAt millis,
 * big-endian, then the event id) that the retention sweep walks oldest first. A decision and its
 * index entry are written in one batch. Thread-safe.
 */
public final class DecisionLog {
    private static final int SWEEP_BATCH = 10_000;

    private final RocksStore store;

    public DecisionLog(RocksStore store) {
        this.store = store;
    }

    /** Stores a decision durably (WAL) with its time index entry. */
    public void store(Explanation explanation) {
        String eventId = explanation.decision().eventId();
        byte[] key = Keys.of(eventId);
        store.write(store.batch()
                .put(Column.DECISIONS, key, ExplanationCodec.encode(explanation))
                .put(Column.DECISION_TIMES, Keys.timeKey(explanation.decision().decidedAt().toEpochMilli(), eventId),
                        new byte[0]));
    }

    /** The stored decision of an event, if any. */
    public Optional<Explanation> find(String eventId) {
        byte[] bytes = store.get(Column.DECISIONS, Keys.of(eventId));
        return bytes == null ? Optional.empty() : Optional.of(ExplanationCodec.decode(bytes));
    }

    /**
     * Deletes every decision made before {@code cutoff}.
     *
     * @return how many were deleted
     */
    public long deleteBefore(Instant cutoff) {
        long cutoffMillis = cutoff.toEpochMilli();
        long deleted = 0;
        while (true) {
            RocksStore.Batch batch = store.batch();
            int inBatch = 0;
            try (RocksIterator it = store.iterator(Column.DECISION_TIMES)) {
                for (it.seekToFirst(); it.isValid() && inBatch < SWEEP_BATCH; it.next()) {
                    byte[] key = it.key();
                    if (Keys.timeOf(key) >= cutoffMillis) {
                        break;
                    }
                    batch.delete(Column.DECISION_TIMES, key);
                    batch.delete(Column.DECISIONS, Keys.of(Keys.suffixOf(key)));
                    inBatch++;
                }
            }
            store.write(batch);
            deleted += inBatch;
            if (inBatch < SWEEP_BATCH) {
                return deleted;
            }
        }
    }

    /**
     * Passes the stored explanations decided at or after {@code from} to {@code sink}, oldest first,
     * at most {@code limit} of them.
     *
     * @return how many were passed
     */
    public long replaySince(Instant from, long limit, java.util.function.Consumer<Explanation> sink) {
        long passed = 0;
        try (RocksIterator it = store.iterator(Column.DECISION_TIMES)) {
            for (it.seek(Keys.timeKey(from.toEpochMilli(), "")); it.isValid() && passed < limit; it.next()) {
                find(Keys.suffixOf(it.key())).ifPresent(sink);
                passed++;
            }
        }
        return passed;
    }

    /** How many decisions are stored (walks the time index; for start-up logging). */
    public long count() {
        return store.count(Column.DECISION_TIMES);
    }
}
