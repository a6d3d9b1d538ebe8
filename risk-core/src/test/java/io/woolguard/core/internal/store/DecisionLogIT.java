package io.woolguard.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.Decision;
import io.woolguard.core.EventType;
import io.woolguard.core.Explanation;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.Outcome;
import io.woolguard.core.RiskEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored decisions on a real RocksDB: the rules evaluated are stored once per list, decisions survive a reopen,
 * and the log segments a kill leaves behind are written to RocksDB on open, up to a torn last record.
 */
class DecisionLogIT {
    private static final Instant T = Instant.parse("2026-11-11T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void store_writesEachRuleListOnce_andFindResolvesItAfterAReopen() {
        List<String> packA = ruleIds("a", 46);
        List<String> packB = ruleIds("b", 3);
        try (RocksStore store = RocksStore.open(dir); DecisionLog log = new DecisionLog(store)) {
            for (int i = 0; i < 100; i++) {
                log.store(explanation("e-" + i, i % 10 == 0 ? packB : packA));
            }
            log.store(explanation("e-none", List.of()));
            assertEquals(2, store.count(Column.RULE_LISTS), "one stored list per distinct ruleset");
            log.awaitIndexed();
            byte[] stored = store.get(Column.DECISIONS, Keys.of("e-1"));
            assertTrue(stored.length < 300, "the 46 rule ids are not in every decision: " + stored.length + " bytes");
        }
        try (RocksStore store = RocksStore.open(dir); DecisionLog log = new DecisionLog(store)) {
            assertEquals(packA, log.find("e-1").orElseThrow().rulesEvaluated());
            assertEquals(packB, log.find("e-10").orElseThrow().rulesEvaluated());
            assertEquals(List.of(), log.find("e-none").orElseThrow().rulesEvaluated());
            assertEquals(explanation("e-2", packA), log.find("e-2").orElseThrow());
            log.store(explanation("e-after", packA)); // known list after a reopen: found, not stored again
            assertEquals(2, store.count(Column.RULE_LISTS));
            assertEquals(102, log.count());
        }
    }

    @Test
    void store_isFoundAtOnce_andSegmentsLeftByAKillAreWrittenToRocksDbOnOpen() throws IOException {
        List<String> pack = ruleIds("a", 46);
        Path killed = dir.resolve("killed");
        int stored = 600; // ~70 bytes each in 16 KB segments: several sealed segments and the current one
        try (RocksStore store = RocksStore.open(dir.resolve("first"));
             DecisionLog log = new DecisionLog(store, dir.resolve("first-log"), 16 << 10)) {
            for (int i = 0; i < stored; i++) {
                log.store(explanation("e-" + i, pack));
                assertEquals("e-" + i, log.find("e-" + i).orElseThrow().decision().eventId(), "found right after store");
            }
            // what a kill -9 leaves: the segments not yet deleted, not the RocksDB they were indexed into
            copySegments(dir.resolve("first-log"), killed);
        }
        List<Path> left = segments(killed);
        assertTrue(!left.isEmpty(), "the current segment is kept until it is sealed and indexed");
        int inSegments = 0;
        for (Path segment : left) {
            inSegments += LogSegment.read(segment).size();
        }
        assertTrue(inSegments > 0 && inSegments <= stored, inSegments + " decisions in the copied segments");

        try (RocksStore store = storeWithRuleList(dir.resolve("second"), pack);
             DecisionLog log = new DecisionLog(store, killed, 16 << 10)) {
            for (Path recovered : left) { // (the new log's own segments are in the same directory)
                assertTrue(Files.notExists(recovered), "recovered segment " + recovered + " is deleted");
            }
            assertEquals(inSegments, log.count(), "every decision in the segments is in RocksDB");
            int firstInSegments = stored - inSegments;
            assertEquals(explanation("e-" + firstInSegments, pack), log.find("e-" + firstInSegments).orElseThrow());
            assertEquals(explanation("e-" + (stored - 1), pack), log.find("e-" + (stored - 1)).orElseThrow());
            long replayed = log.replaySince(T, Long.MAX_VALUE, e -> { });
            assertEquals(inSegments, replayed, "the time index was written too");
            assertEquals(inSegments, log.deleteBefore(T.plusMillis(1)), "retention reaches the recovered decisions");
            assertEquals(0, log.count());
        }
    }

    @Test
    void open_keepsTheRecordsBeforeATornOne() throws IOException {
        List<String> pack = ruleIds("a", 3);
        Path killed = dir.resolve("killed");
        try (RocksStore store = RocksStore.open(dir.resolve("first"));
             DecisionLog log = new DecisionLog(store, dir.resolve("first-log"), 1 << 20)) {
            for (int i = 0; i < 10; i++) {
                log.store(explanation("e-" + i, pack));
            }
            copySegments(dir.resolve("first-log"), killed);
        }
        Path segment = segments(killed).stream().filter(f -> {
            try {
                return !LogSegment.read(f).isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).findFirst().orElseThrow();
        List<LogSegment.Entry> entries = LogSegment.read(segment);
        assertEquals(10, entries.size());
        int lastStart = 0;
        for (int i = 0; i < 9; i++) {
            lastStart += LogSegment.HEADER + Long.BYTES + Short.BYTES + entries.get(i).eventId().length()
                    + entries.get(i).value().length;
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            // the last record's body half overwritten, as a kill in the middle of its copy would leave it
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), lastStart + LogSegment.HEADER + 12);
        }
        assertEquals(9, LogSegment.read(segment).size(), "the CRC catches the torn record");

        try (RocksStore store = storeWithRuleList(dir.resolve("second"), pack);
             DecisionLog log = new DecisionLog(store, killed, 1 << 20)) {
            assertEquals(9, log.count());
            assertEquals(explanation("e-8", pack), log.find("e-8").orElseThrow());
            assertTrue(log.find("e-9").isEmpty(), "the torn record is not half-read");
            log.store(explanation("e-9", pack));
            assertEquals(explanation("e-9", pack), log.find("e-9").orElseThrow(), "the log takes new decisions after recovery");
        }
    }

    @Test
    void close_writesEverythingToRocksDbAndLeavesNoSegments() throws IOException {
        List<String> pack = ruleIds("a", 3);
        Path logDir = dir.resolve("log");
        try (RocksStore store = RocksStore.open(dir.resolve("db"));
             DecisionLog log = new DecisionLog(store, logDir, 16 << 10)) {
            for (int i = 0; i < 1_000; i++) {
                log.store(explanation("e-" + i, pack));
            }
            log.close();
            assertThrows(IllegalStateException.class, () -> log.store(explanation("e-late", pack)));
            assertEquals(1_000, store.count(Column.DECISIONS), "written to RocksDB by close");
            assertEquals(1_000, store.count(Column.DECISION_TIMES));
        }
        assertEquals(List.of(), segments(logDir), "no segment is left after a clean close");
    }

    /**
     * Stored decisions live in blob files, and blob garbage collection is off (it rewrote every live
     * decision again and again): the space comes back because decisions die in the order they were
     * written, so once compaction has seen a sweep's deletions, the blob files holding only swept
     * decisions are deleted whole, and the newer decisions are untouched.
     */
    @Test
    void deleteBefore_thenCompaction_deletesTheBlobFilesOfTheSweptDecisions() throws IOException {
        List<String> pack = ruleIds("a", 3);
        Instant later = T.plusSeconds(3_600);
        try (RocksStore store = RocksStore.open(dir); DecisionLog log = new DecisionLog(store)) {
            for (int i = 0; i < 2_000; i++) {
                log.store(bulkyExplanation("old-" + i, pack, T));
            }
            log.awaitIndexed();
            store.flush();
            List<Path> oldBlobs = blobFiles(store.directory());
            assertTrue(!oldBlobs.isEmpty(), "stored decisions are written to blob files");
            for (int i = 0; i < 2_000; i++) {
                log.store(bulkyExplanation("new-" + i, pack, later));
            }
            log.awaitIndexed();
            store.flush();
            List<Path> allBlobs = blobFiles(store.directory());
            assertTrue(allBlobs.size() > oldBlobs.size(), "the newer decisions are in blob files of their own: " + allBlobs);

            assertEquals(2_000, log.deleteBefore(later));
            store.flush();
            store.compact(Column.DECISIONS);

            List<Path> left = blobFiles(store.directory());
            for (Path old : oldBlobs) {
                assertTrue(!left.contains(old), "the swept decisions' blob file " + old.getFileName() + " is deleted: " + left);
            }
            assertEquals(allBlobs.size() - oldBlobs.size(), left.size(), "the newer decisions' blob files stay: " + left);
            assertEquals(2_000, log.count());
            assertEquals(bulkyExplanation("new-1999", pack, later), log.find("new-1999").orElseThrow());
            assertTrue(log.find("old-0").isEmpty(), "a swept decision is gone");
        }
    }

    /**
     * A decision waiting for the indexer is read from its mapped segment, which the indexer unmaps
     * once the segment is in RocksDB: readers racing that unmap must find the decision (in RocksDB
     * then) and never touch an unmapped page. 2 KB segments roll every ~30 decisions.
     */
    @Test
    void find_whileTheIndexerUnmapsSegments_alwaysFindsTheDecision() throws Exception {
        List<String> pack = ruleIds("a", 3);
        int stored = 20_000;
        try (RocksStore store = RocksStore.open(dir.resolve("db"));
             DecisionLog log = new DecisionLog(store, dir.resolve("log"), 2 << 10)) {
            AtomicInteger latest = new AtomicInteger(-1);
            AtomicLong reads = new AtomicLong();
            List<String> wrong = Collections.synchronizedList(new ArrayList<>());
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                int seed = r;
                Thread reader = new Thread(() -> {
                    Random random = new Random(seed);
                    while (latest.get() < stored - 1) {
                        int newest = latest.get();
                        if (newest < 0) {
                            continue;
                        }
                        int i = Math.max(0, newest - random.nextInt(64)); // the most recent: mostly still pending
                        String id = "e-" + i;
                        String found = log.find(id).map(e -> e.decision().eventId()).orElse("nothing");
                        if (!found.equals(id)) {
                            wrong.add(id + " -> " + found);
                        }
                        reads.incrementAndGet();
                    }
                });
                reader.start();
                readers.add(reader);
            }
            for (int i = 0; i < stored; i++) {
                log.store(explanation("e-" + i, pack));
                latest.set(i);
            }
            for (Thread reader : readers) {
                reader.join();
            }
            assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " reads found the wrong thing");
            assertTrue(reads.get() >= 1_000, "the readers raced the indexer: " + reads.get() + " reads");
            log.awaitIndexed();
            assertEquals(stored, store.count(Column.DECISIONS));
            assertTrue(segments(dir.resolve("log")).size() <= 2, "indexed segments were unmapped and deleted: "
                    + segments(dir.resolve("log")));
        }
    }

    /**
     * A fresh RocksDB that holds {@code rules} as a stored rule list, as the killed process's own RocksDB
     * did (rule lists are written to RocksDB before the first decision that refers to them).
     */
    private RocksStore storeWithRuleList(Path db, List<String> rules) {
        RocksStore store = RocksStore.open(db);
        try (DecisionLog seeding = new DecisionLog(store, dir.resolve("seeding"), 1 << 20)) {
            seeding.store(explanation("seed", rules));
        }
        store.delete(Column.DECISIONS, Keys.of("seed"));
        store.delete(Column.DECISION_TIMES, Keys.timeKey(T.toEpochMilli(), "seed"));
        return store;
    }

    private static void copySegments(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> newestFirst = new ArrayList<>(segments(from));
        Collections.reverse(newestFirst);
        for (Path segment : newestFirst) {
            try {
                Files.copy(segment, to.resolve(segment.getFileName()));
            } catch (NoSuchFileException indexedAndDeletedMeanwhile) {
                // the indexer deletes sealed segments oldest first, so every older one is gone too: copying
                // newest first and stopping here keeps the copy a contiguous run of the newest decisions
                // (oldest first, the indexer could delete the next one between two copies and leave a gap)
                break;
            }
        }
    }

    private static List<Path> segments(Path logDir) throws IOException {
        try (Stream<Path> files = Files.list(logDir)) {
            return files.filter(f -> f.toString().endsWith(LogSegment.SUFFIX)).sorted().toList();
        }
    }

    private static List<Path> blobFiles(Path rocksDirectory) throws IOException {
        try (Stream<Path> files = Files.list(rocksDirectory)) {
            return files.filter(f -> f.toString().endsWith(".blob")).sorted().toList();
        }
    }

    private static List<String> ruleIds(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(prefix + "-rule-number-" + i);
        }
        return List.copyOf(ids);
    }

    /** A decision of realistic size (~1 KB with 40 features): above the blob files' minimum of 256 bytes. */
    private static Explanation bulkyExplanation(String eventId, List<String> rules, Instant decidedAt) {
        Map<String, Double> features = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            features.put("device.accounts_" + i + "h", (double) i);
        }
        return explanation(eventId, rules, decidedAt, features);
    }

    private static Explanation explanation(String eventId, List<String> rules) {
        return explanation(eventId, rules, T, Map.of("lists.watched", 0.0));
    }

    private static Explanation explanation(String eventId, List<String> rules, Instant decidedAt, Map<String, Double> features) {
        RiskEvent event = RiskEvent.builder(eventId, EventType.LOGIN, "u-1").occurredAt(decidedAt).build();
        Decision decision = new Decision(eventId, Outcome.ALLOW, 0, List.of(), "v1", null, false, null, decidedAt);
        return new Explanation(decision, event, new FeatureVector(features), rules);
    }
}
