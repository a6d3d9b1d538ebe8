package io.woolguard.stream.embedded;

import io.woolguard.core.Label;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.json.WoolguardJson;
import io.woolguard.stream.io.journal.JournalFormat;
import io.woolguard.stream.io.journal.JournalReader;
import io.woolguard.stream.io.journal.JournalRecord;
import io.woolguard.stream.io.testing.IoFixtures;
import io.woolguard.stream.io.testing.JournalAppenderProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event journal on a real disk: durability, torn-tail recovery, group writes, retention. */
class EventJournalIT {
    @TempDir
    Path dir;

    @Test
    void append_readsBackEveryEventAndLabelInOrder() throws IOException {
        Path journalDir = dir.resolve("journal");
        try (EventJournal journal = EventJournal.open(journalDir, JournalConfig.defaults())) {
            for (int i = 0; i < 100; i++) {
                assertEquals(i, journal.append(IoFixtures.farmClaim(i)));
            }
            assertEquals(100, journal.append(IoFixtures.fraud("u-7", 200)));
            assertEquals(101, journal.endOffset());
        }
        List<JournalRecord> records = readAll(journalDir, 0);
        assertEquals(101, records.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(JournalFormat.KIND_EVENT, records.get(i).kind());
            RiskEvent expected = IoFixtures.farmClaim(i);
            RiskEvent decoded = WoolguardJson.readEvent(records.get(i).payload());
            assertEquals(expected.eventId(), decoded.eventId());
            assertEquals(expected.occurredAt(), decoded.occurredAt());
            assertEquals(expected.entities(), decoded.entities(), "same account, device, ip, hashed phone, campaign");
        }
        Label label = WoolguardJson.readLabel(records.get(100).payload());
        assertEquals(IoFixtures.fraud("u-7", 200), label);
    }

    @Test
    void open_cutsTornTailKeepsCompleteRecordsAndContinuesAppending() throws IOException {
        Path journalDir = dir.resolve("journal");
        try (EventJournal journal = EventJournal.open(journalDir, JournalConfig.defaults())) {
            for (int i = 0; i < 50; i++) {
                journal.append(IoFixtures.farmClaim(i));
            }
        }
        Path segment = JournalFormat.segmentPath(journalDir, 0);
        long size = Files.size(segment);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(size - 7); // a crash in the middle of writing record 49
        }

        try (EventJournal journal = EventJournal.open(journalDir, JournalConfig.defaults())) {
            assertEquals(49, journal.endOffset(), "the torn record 49 is gone, 0..48 remain");
            assertTrue(Files.size(segment) < size - 7, "the torn bytes were cut off the file");
            assertEquals(49, journal.append(IoFixtures.farmClaim(1_000)), "appends continue at the torn offset");
        }
        List<JournalRecord> records = readAll(journalDir, 0);
        assertEquals(50, records.size());
        for (int i = 0; i < 49; i++) {
            assertEquals("e-" + i, WoolguardJson.readEvent(records.get(i).payload()).eventId());
        }
        assertEquals("e-1000", WoolguardJson.readEvent(records.get(49).payload()).eventId());
    }

    @Test
    void open_cutsTailWhoseChecksumFails() throws IOException {
        Path journalDir = dir.resolve("journal");
        try (EventJournal journal = EventJournal.open(journalDir, JournalConfig.defaults())) {
            for (int i = 0; i < 10; i++) {
                journal.append(IoFixtures.farmClaim(i));
            }
        }
        Path segment = JournalFormat.segmentPath(journalDir, 0);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            long last = file.length() - 3;
            file.seek(last);
            int b = file.read();
            file.seek(last);
            file.write(b ^ 0x5A); // a flipped byte inside the last record's payload
        }
        try (EventJournal journal = EventJournal.open(journalDir, JournalConfig.defaults())) {
            assertEquals(9, journal.endOffset(), "the record failing its CRC is dropped, the 9 before it kept");
        }
        assertEquals(9, readAll(journalDir, 0).size());
    }

    @Test
    void append_fromManyThreads_givesDistinctOffsetsAndGroupsWrites() throws Exception {
        Path journalDir = dir.resolve("journal");
        int threads = 8;
        int perThread = 2_000;
        ConcurrentLinkedQueue<Long> offsets = new ConcurrentLinkedQueue<>();
        long writes;
        try (EventJournal journal = EventJournal.open(journalDir, JournalConfig.defaults().withSegmentBytes(256 * 1024))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        offsets.add(journal.append(IoFixtures.farmClaim(thread * perThread + i)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            writes = journal.groupWrites();
            assertEquals((long) threads * perThread, journal.endOffset());
        }
        int total = threads * perThread;
        assertEquals(total, new HashSet<>(offsets).size(), "every append got its own offset");
        assertEquals(total - 1, offsets.stream().mapToLong(Long::longValue).max().orElseThrow());
        assertTrue(writes <= total, "never more writes than appends: " + writes);
        assertTrue(JournalFormat.segmentBases(journalDir).size() > 3, "the journal rolled segments");
        Set<String> ids = new HashSet<>();
        for (JournalRecord record : readAll(journalDir, 0)) {
            ids.add(WoolguardJson.readEvent(record.payload()).eventId());
        }
        assertEquals(total, ids.size(), "every appended event reads back exactly once, across segments");
    }

    @Test
    void releaseBefore_deletesOnlySegmentsBelowTheOffset() throws IOException {
        Path journalDir = dir.resolve("journal");
        try (EventJournal journal = EventJournal.open(journalDir, JournalConfig.defaults().withSegmentBytes(64 * 1024))) {
            for (int i = 0; i < 2_000; i++) {
                journal.append(IoFixtures.farmClaim(i));
            }
            List<Long> bases = JournalFormat.segmentBases(journalDir);
            assertTrue(bases.size() >= 4, "enough segments to test retention: " + bases);
            long insideThird = bases.get(2) + 1;

            assertEquals(2, journal.releaseBefore(insideThird), "segments 1 and 2 lie wholly below the offset");
            assertEquals(bases.subList(2, bases.size()), JournalFormat.segmentBases(journalDir));
            assertEquals(bases.get(2), journal.startOffset());

            IllegalStateException gone = assertThrows(IllegalStateException.class,
                    () -> new JournalReader(journalDir, 0));
            assertTrue(gone.getMessage().contains("deleted by retention"), gone.getMessage());
            assertEquals(2_000 - bases.get(2), readAll(journalDir, bases.get(2)).size());

            assertEquals(bases.size() - 3, journal.releaseBefore(journal.endOffset()),
                    "all remaining segments but the newest go");
            assertEquals(1, JournalFormat.segmentBases(journalDir).size(), "the newest segment is always kept");
        }
    }

    @Test
    void append_isDurableWhenTheProcessIsKilled() throws Exception {
        Path journalDir = dir.resolve("journal");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JournalAppenderProcess.class.getName(),
                journalDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<long[]> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < 3_000 && (line = out.readLine()) != null) {
                if (line.matches("\\d+ \\d+")) { // anything else on stdout (a JVM warning) is not an acknowledgement
                    String[] parts = line.split(" ");
                    acknowledged.add(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close(); also if reading failed
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the appender process died");
        }
        assertEquals(3_000, acknowledged.size(), "the child acknowledged appends before it was killed");

        try (EventJournal journal = EventJournal.open(journalDir, JournalConfig.defaults())) {
            long lastAcknowledged = acknowledged.get(acknowledged.size() - 1)[1];
            assertTrue(journal.endOffset() > lastAcknowledged,
                    "every acknowledged append survived: end " + journal.endOffset() + " > " + lastAcknowledged);
        }
        List<JournalRecord> records = readAll(journalDir, 0);
        for (long[] ack : acknowledged) {
            RiskEvent event = WoolguardJson.readEvent(records.get((int) ack[1]).payload());
            assertEquals("e-" + ack[0], event.eventId(), "record at offset " + ack[1]);
        }
    }

    @Test
    void fsyncMode_appendsAndReadsBackAcrossReopen() throws IOException {
        Path journalDir = dir.resolve("journal");
        JournalConfig fsync = JournalConfig.defaults().withDurability(JournalDurability.FSYNC);
        try (EventJournal journal = EventJournal.open(journalDir, fsync)) {
            for (int i = 0; i < 20; i++) {
                assertEquals(i, journal.append(IoFixtures.farmClaim(i)));
            }
        }
        try (EventJournal journal = EventJournal.open(journalDir, fsync)) {
            assertEquals(20, journal.endOffset());
            assertEquals(20, journal.append(IoFixtures.farmClaim(20)));
        }
        assertEquals(21, readAll(journalDir, 0).size());
    }

    @Test
    void append_refusesEventWithRawPersonalData() {
        try (EventJournal journal = EventJournal.open(dir.resolve("journal"), JournalConfig.defaults())) {
            RiskEvent raw = RiskEvent.builder("raw-1", io.woolguard.core.EventType.LOGIN, "u-1")
                    .phone("+8617012345678").build();
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> journal.append(raw));
            assertTrue(refused.getMessage().contains("raw personal data"), refused.getMessage());
            assertEquals(0, journal.endOffset(), "nothing was written");
        }
    }

    @Test
    void open_refusesSecondJournalOnSameDirectory() {
        Path journalDir = dir.resolve("journal");
        try (EventJournal journal = EventJournal.open(journalDir, JournalConfig.defaults())) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> EventJournal.open(journalDir, JournalConfig.defaults()));
            assertTrue(refused.getMessage().contains("already open"), refused.getMessage());
        }
    }

    private static List<JournalRecord> readAll(Path journalDir, long from) throws IOException {
        try (JournalReader reader = new JournalReader(journalDir, from)) {
            List<JournalRecord> all = new ArrayList<>();
            List<JournalRecord> batch;
            while (!(batch = reader.poll(1_000)).isEmpty()) {
                all.addAll(batch);
            }
            return all;
        }
    }
}
