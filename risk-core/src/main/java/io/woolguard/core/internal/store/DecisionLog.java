package io.woolguard.core.internal.store;

import io.woolguard.core.Explanation;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.rocksdb.RocksIterator;

/**
 * Stored decisions, by event id, as {@link Explanation}s in {@link ExplanationCodec}'s binary form, with a time index (decidedAt millis,
 * big-endian, then the event id) that the retention sweep walks oldest first. A decision and its
 * index entry are written in one batch. Thread-safe.
 */
public final class DecisionLog {
    private static final int SWEEP_BATCH = 10_000;

    private final RocksStore store;
    /** Rule lists known to be stored, by content, with their ids; a handful (one per ruleset evaluated). */
    private final Map<List<String>, Long> storedRuleLists = new ConcurrentHashMap<>();
    private final Map<Long, List<String>> ruleListsById = new ConcurrentHashMap<>();

    public DecisionLog(RocksStore store) {
        this.store = store;
    }

    /**
     * Stores a decision durably (WAL) with its time index entry, in one batch; the rules it evaluated
     * are stored once per distinct list (in the same batch the first time) and referred to by id.
     */
    public void store(Explanation explanation) {
        String eventId = explanation.decision().eventId();
        RocksStore.Batch batch = store.batch();
        Long ruleListId = ruleListId(explanation.rulesEvaluated(), batch);
        store.write(batch
                .put(Column.DECISIONS, Keys.of(eventId), ExplanationCodec.encode(explanation, ruleListId))
                .put(Column.DECISION_TIMES, Keys.timeKey(explanation.decision().decidedAt().toEpochMilli(), eventId),
                        new byte[0]));
    }

    /** The stored decision of an event, if any. */
    public Optional<Explanation> find(String eventId) {
        byte[] bytes = store.get(Column.DECISIONS, Keys.of(eventId));
        return bytes == null ? Optional.empty() : Optional.of(ExplanationCodec.decode(bytes, this::ruleList));
    }

    /**
     * The id under which {@code rules} is stored, adding it to {@code batch} if it is not stored yet;
     * {@code null} (write it inline) for an empty list or in the unheard-of case of an id collision.
     */
    private Long ruleListId(List<String> rules, RocksStore.Batch batch) {
        if (rules.isEmpty()) {
            return null;
        }
        Long known = storedRuleLists.get(rules);
        if (known != null) {
            return known;
        }
        byte[] encoded = ExplanationCodec.encodeRuleList(rules);
        long id = contentId(encoded);
        byte[] key = ruleListKey(id);
        byte[] existing = store.get(Column.RULE_LISTS, key);
        if (existing == null) {
            batch.put(Column.RULE_LISTS, key, encoded); // never deleted: a few hundred bytes per ruleset
        } else if (!Arrays.equals(existing, encoded)) {
            return null;
        }
        List<String> copy = List.copyOf(rules);
        storedRuleLists.put(copy, id);
        ruleListsById.put(id, copy);
        return id;
    }

    private List<String> ruleList(long id) {
        return ruleListsById.computeIfAbsent(id, missing -> {
            byte[] bytes = store.get(Column.RULE_LISTS, ruleListKey(missing));
            if (bytes == null) {
                throw new IllegalStateException("stored decision refers to rule list " + Long.toHexString(missing)
                        + ", which is not in the data directory");
            }
            return ExplanationCodec.decodeRuleList(bytes);
        });
    }

    private static long contentId(byte[] encoded) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(encoded)).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static byte[] ruleListKey(long id) {
        return ByteBuffer.allocate(Long.BYTES).putLong(id).array();
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
    public long replaySince(Instant from, long limit, Consumer<Explanation> sink) {
        return replay(from, Instant.ofEpochMilli(Long.MAX_VALUE), limit, sink);
    }

    /**
     * Passes the stored explanations decided in [{@code from}, {@code to}) to {@code sink}, oldest
     * first, at most {@code limit} of them.
     *
     * @return how many were passed
     */
    public long replay(Instant from, Instant to, long limit, Consumer<Explanation> sink) {
        long toMillis = to.toEpochMilli();
        long passed = 0;
        try (RocksIterator it = store.iterator(Column.DECISION_TIMES)) {
            for (it.seek(Keys.timeKey(from.toEpochMilli(), "")); it.isValid() && passed < limit; it.next()) {
                byte[] key = it.key();
                if (Keys.timeOf(key) >= toMillis) {
                    break;
                }
                find(Keys.suffixOf(key)).ifPresent(sink);
                passed++;
            }
        }
        return passed;
    }

    /** How many decisions were made in [{@code from}, {@code to}), counting at most {@code limit} (walks the time index). */
    public long count(Instant from, Instant to, long limit) {
        long toMillis = to.toEpochMilli();
        long counted = 0;
        try (RocksIterator it = store.iterator(Column.DECISION_TIMES)) {
            for (it.seek(Keys.timeKey(from.toEpochMilli(), "")); it.isValid() && counted < limit; it.next()) {
                if (Keys.timeOf(it.key()) >= toMillis) {
                    break;
                }
                counted++;
            }
        }
        return counted;
    }

    /** How many decisions are stored (walks the time index; for start-up logging). */
    public long count() {
        return store.count(Column.DECISION_TIMES);
    }
}
