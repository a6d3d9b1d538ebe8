package io.woolguard.core.internal.store;

import io.woolguard.core.Explanation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored decisions, by event id, as {@link Explanation}s in {@link ExplanationCodec}'s binary form, with a time index (decidedAt millis,
 * big-endian, then the event id) that the retention sweep walks oldest first.
 *
 * <p>{@link #store} does not write RocksDB on the caller's thread: it appends the encoded decision
 * to a memory-mapped log segment under {@code <dataDir>/decision-log} ({@link LogSegment}; in the
 * OS page cache the moment it is written, so it survives the process being killed, as a RocksDB
 * write with its unsynced WAL does) and keeps it in memory until a background thread has written it
 * and its time index entry to RocksDB, in batches. {@link #find} looks in memory first, so a decision
 * is found the moment {@code store} returns. A segment is deleted once every record in it is in
 * RocksDB; on open, the records of the segments left behind by a kill are written to RocksDB
 * before anything else (writing one twice writes the same bytes). Whatever reads or deletes by time
 * (replay, counts, the retention sweep) first waits for the indexing of everything stored before.
 * Thread-safe.
 */
public final class DecisionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
    private static final int SWEEP_BATCH = 10_000;
    /** The log directory under the data directory. */
    public static final String DIRECTORY = "decision-log";
    /** Segment size: ~5,000 decisions of the default pack. */
    static final int SEGMENT_BYTES = 16 << 20;
    /** Most decisions written to RocksDB in one batch. */
    private static final int INDEX_BATCH = 4_096;
    /** Stored decisions not yet in RocksDB beyond which {@link #store} waits for the indexer. */
    private static final int MAX_PENDING = 100_000;
    private static final long IDLE_PARK_NANOS = 1_000_000;
    private static final long WAIT_PARK_NANOS = 50_000;
    private static final long RETRY_PARK_NANOS = 100_000_000;

    private final RocksStore store;
    private final Path directory;
    private final int segmentBytes;
    /** Rule lists known to be stored, by content, with their ids; a handful (one per ruleset evaluated). */
    private final Map<List<String>, Long> storedRuleLists = new ConcurrentHashMap<>();
    private final Map<Long, List<String>> ruleListsById = new ConcurrentHashMap<>();
    private final FeatureNameCodes featureNames;
    /** The rule list seen last, by identity: saves hashing a few dozen rule ids per decision. */
    private volatile KnownRuleList lastRuleList;

    private record KnownRuleList(List<String> rules, Long id) {
    }

    /** Decisions appended to the log and not yet in RocksDB, by event id. */
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    /** The same, in the order they were appended, for the indexer. */
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock appendLock = new ReentrantLock();
    private final AtomicLong segmentNumbers = new AtomicLong();
    /** Sealed segments not yet deleted, oldest first. */
    private final ConcurrentLinkedQueue<LogSegment> sealed = new ConcurrentLinkedQueue<>();
    private final Thread indexer;
    /** The next segment, created and touched by the indexer ahead of time (or null). */
    private final AtomicReference<LogSegment> spare = new AtomicReference<>();
    private LogSegment current; // under appendLock
    /** The sequence number of the last appended decision; written under appendLock, read without it. */
    private volatile long appendedSequence;
    private volatile long indexedSequence;
    private volatile boolean closing;
    private volatile boolean closed;
    private volatile RuntimeException indexFailure;

    /**
     * A decision in the log, not yet in RocksDB. Its bytes stay in the mapped segment, off the heap:
     * when RocksDB falls behind (a flat-out benchmark on 2 cores) up to {@link #MAX_PENDING} of them
     * wait, ~350 MB of arrays that the collector would otherwise copy from one young pause to the next.
     */
    private record Pending(String eventId, long timeMillis, LogSegment segment, int valueOffset, int valueLength,
                           long sequence) {
        /** The encoded decision, or null once its segment is unmapped (then RocksDB has it). */
        byte[] value() {
            return segment.readValue(valueOffset, valueLength);
        }
    }

    /** Opens the log of the data directory that holds {@code store}. */
    public DecisionLog(RocksStore store) {
        this(store, store.directory().resolveSibling(DIRECTORY), SEGMENT_BYTES);
    }

    /**
     * Opens the log in {@code directory}: writes the records a kill left behind to RocksDB, deletes
     * their segments, and starts the indexer.
     *
     * @throws StoreException if the directory cannot be read or written
     */
    DecisionLog(RocksStore store, Path directory, int segmentBytes) {
        this.store = store;
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.featureNames = new FeatureNameCodes(store);
        try {
            Files.createDirectories(directory);
            recover();
        } catch (IOException e) {
            throw new StoreException("cannot open the decision log under " + directory + ": " + e.getMessage(), e);
        }
        this.indexer = new Thread(this::indexLoop, "woolguard-decision-indexer");
        indexer.setDaemon(true);
        indexer.start();
    }

    private void recover() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(LogSegment.SUFFIX)).sorted().toList();
        }
        long recovered = 0;
        for (Path file : files) {
            List<LogSegment.Entry> entries = LogSegment.read(file);
            for (int from = 0; from < entries.size(); from += INDEX_BATCH) {
                RocksStore.Batch batch = store.batch();
                for (LogSegment.Entry entry : entries.subList(from, Math.min(entries.size(), from + INDEX_BATCH))) {
                    putIndexed(batch, entry.eventId(), entry.timeMillis(), entry.value());
                }
                store.write(batch);
            }
            recovered += entries.size();
            String name = file.getFileName().toString();
            long number = Long.parseLong(name.substring(0, name.length() - LogSegment.SUFFIX.length()));
            segmentNumbers.accumulateAndGet(number, Math::max);
        }
        for (Path file : files) {
            Files.delete(file); // only now: every record of every segment is in RocksDB
        }
        if (recovered > 0) {
            LOG.info("decision log: wrote {} decisions from {} segments left by an unclean stop to RocksDB", recovered, files.size());
        }
    }

    private static void putIndexed(RocksStore.Batch batch, String eventId, long timeMillis, byte[] value) {
        batch.put(Column.DECISIONS, Keys.of(eventId), value)
                .put(Column.DECISION_TIMES, Keys.timeKey(timeMillis, eventId), new byte[0]);
    }

    /**
     * Stores a decision: when this returns it is found by {@link #find} and survives the process being
     * killed. The rules it evaluated are stored (in RocksDB, before the decision) once per distinct list
     * and referred to by id.
     *
     * @throws StoreException if the log or RocksDB cannot be written
     * @throws IllegalStateException if the log is closed
     */
    public void store(Explanation explanation) {
        checkOpen();
        String eventId = explanation.decision().eventId();
        long time = explanation.decision().decidedAt().toEpochMilli();
        Long ruleListId = ruleListId(explanation.rulesEvaluated());
        byte[] value = ExplanationCodec.encode(explanation, ruleListId, featureNames);
        byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
        int size = LogSegment.recordSize(id, value);
        if (appendedSequence - indexedSequence > MAX_PENDING) {
            awaitIndexed(appendedSequence - MAX_PENDING / 2); // RocksDB fell behind: do not grow memory without bound
        }
        appendLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the decision log is closed");
            }
            LogSegment segment = segmentFor(size);
            if (segment == null) { // larger than a segment: straight to RocksDB, as before the log
                RocksStore.Batch batch = store.batch();
                putIndexed(batch, eventId, time, value);
                store.write(batch);
                return;
            }
            int valueOffset = segment.append(time, id, value);
            Pending entry = new Pending(eventId, time, segment, valueOffset, value.length, appendedSequence + 1);
            pending.put(eventId, entry);
            queue.offer(entry);
            appendedSequence = entry.sequence(); // published once queued: awaitIndexed never waits for an unqueued entry
        } finally {
            appendLock.unlock();
        }
    }

    /** The segment to append {@code size} bytes to (rolling to a new one when full), or null if no segment can hold it. */
    private LogSegment segmentFor(int size) {
        if (size > segmentBytes) {
            return null;
        }
        if (current != null && current.fits(size)) {
            return current;
        }
        LogSegment next = spare.getAndSet(null);
        if (next == null) {
            next = newSegment();
        }
        if (current != null) {
            current.seal();
            sealed.add(current);
        }
        current = next;
        LockSupport.unpark(indexer); // to prepare the next spare and release the sealed segment
        return current;
    }

    private LogSegment newSegment() {
        Path file = directory.resolve(String.format("%016d%s", segmentNumbers.incrementAndGet(), LogSegment.SUFFIX));
        try {
            return LogSegment.create(file, segmentBytes);
        } catch (IOException e) {
            throw new StoreException("cannot create decision log segment " + file + ": " + e.getMessage(), e);
        }
    }

    /** The stored decision of an event, if any. */
    public Optional<Explanation> find(String eventId) {
        // the indexer removes a decision from memory, and unmaps its segment, only after RocksDB has it
        Pending recent = pending.get(eventId);
        byte[] bytes = recent != null ? recent.value() : null;
        if (bytes == null) {
            bytes = store.get(Column.DECISIONS, Keys.of(eventId));
        }
        return bytes == null ? Optional.empty() : Optional.of(ExplanationCodec.decode(bytes, this::ruleList, featureNames));
    }

    // ------------------------------------------------------------------ the indexer

    private void indexLoop() {
        List<Pending> batch = new ArrayList<>(INDEX_BATCH);
        while (true) {
            prepareSpare();
            Pending next;
            while (batch.size() < INDEX_BATCH && (next = queue.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                releaseIndexedSegments();
                if (closing && queue.isEmpty()) { // closing is set after the last append
                    return;
                }
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            if (!writeToRocks(batch)) {
                if (closing) {
                    return; // the records stay in their segments: the next open writes them
                }
                LockSupport.parkNanos(RETRY_PARK_NANOS);
                continue;
            }
            for (Pending entry : batch) {
                pending.remove(entry.eventId(), entry);
                entry.segment().indexed.incrementAndGet();
            }
            releaseIndexedSegments(); // before publishing: once awaitIndexed returns, the segments indexed are gone
            indexedSequence = batch.get(batch.size() - 1).sequence();
            batch.clear();
        }
    }

    private boolean writeToRocks(List<Pending> entries) {
        try {
            RocksStore.Batch batch = store.batch();
            for (Pending entry : entries) {
                putIndexed(batch, entry.eventId(), entry.timeMillis(), entry.value()); // mapped until indexed
            }
            store.write(batch);
            if (indexFailure != null) {
                LOG.info("decision log: writing to RocksDB works again");
                indexFailure = null;
            }
            return true;
        } catch (RuntimeException e) {
            if (indexFailure == null) {
                LOG.warn("decision log: writing {} decisions to RocksDB failed, retrying (they are in the log): {}",
                        entries.size(), e.toString());
            }
            indexFailure = e;
            return false;
        }
    }

    private void prepareSpare() {
        if (spare.get() != null || closing) {
            return;
        }
        try {
            LogSegment created = newSegment();
            if (!spare.compareAndSet(null, created)) {
                created.delete();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("decision log: cannot prepare the next segment (a decision will create it): {}", e.toString());
        }
    }

    /** Deletes the sealed segments whose every record is in RocksDB (oldest first; they are indexed in order). */
    private void releaseIndexedSegments() {
        LogSegment oldest;
        while ((oldest = sealed.peek()) != null && oldest.indexed.get() == oldest.appended()) {
            sealed.poll();
            try {
                oldest.delete();
            } catch (IOException e) {
                LOG.warn("decision log: cannot delete the indexed segment {} (the next open writes its records again): {}",
                        oldest.file(), e.toString());
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the decision log is closed");
        }
    }

    /**
     * Waits until every decision stored before this call is in RocksDB (and the segments holding only
     * such decisions are deleted).
     *
     * @throws StoreException if RocksDB cannot be written (the decisions stay in the log)
     * @throws IllegalStateException if the log closes meanwhile
     */
    public void awaitIndexed() {
        awaitIndexed(appendedSequence);
    }

    private void awaitIndexed(long sequence) {
        while (indexedSequence < sequence) {
            RuntimeException failure = indexFailure;
            if (failure != null) {
                throw new StoreException("decisions are stored in the decision log but cannot be written to RocksDB: "
                        + failure.getMessage(), failure);
            }
            if (!indexer.isAlive()) {
                throw new IllegalStateException("the decision log is closed");
            }
            LockSupport.unpark(indexer);
            LockSupport.parkNanos(WAIT_PARK_NANOS);
        }
    }

    /**
     * Writes what is still only in the log to RocksDB, deletes the segments and stops the indexer;
     * {@link #store} throws afterwards. Call before closing the RocksDB store.
     */
    @Override
    public void close() {
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (current != null) {
                current.seal();
                sealed.add(current);
                current = null;
            }
        } finally {
            appendLock.unlock();
        }
        closing = true;
        LockSupport.unpark(indexer);
        try {
            indexer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while the decision log wrote its last decisions to RocksDB; the next open writes them");
        }
        LogSegment unused = spare.getAndSet(null);
        if (unused != null) {
            try {
                unused.delete();
            } catch (IOException e) {
                LOG.warn("decision log: cannot delete the unused segment {}: {}", unused.file(), e.toString());
            }
        }
        for (LogSegment left : sealed) {
            left.unmap(); // not indexed (RocksDB failed): the file stays for the next open
        }
    }

    /**
     * The id under which {@code rules} is stored, storing it first if it is not stored yet;
     * {@code null} (write it inline) for an empty list or in the unheard-of case of an id collision.
     */
    private Long ruleListId(List<String> rules) {
        if (rules.isEmpty()) {
            return null;
        }
        KnownRuleList last = lastRuleList;
        if (last != null && last.rules() == rules) { // the active ruleset's own list, decision after decision
            return last.id();
        }
        Long known = storedRuleLists.get(rules);
        if (known != null) {
            lastRuleList = new KnownRuleList(rules, known);
            return known;
        }
        byte[] encoded = ExplanationCodec.encodeRuleList(rules);
        long id = contentId(encoded);
        byte[] key = ruleListKey(id);
        byte[] existing = store.get(Column.RULE_LISTS, key);
        if (existing == null) {
            store.put(Column.RULE_LISTS, key, encoded); // before the first decision that refers to it; never deleted
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
        awaitIndexed();
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
        awaitIndexed();
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
        awaitIndexed();
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
        awaitIndexed();
        return store.count(Column.DECISION_TIMES);
    }
}
