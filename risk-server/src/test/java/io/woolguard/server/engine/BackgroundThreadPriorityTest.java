package io.woolguard.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BackgroundThreadPriorityTest {
    static final Path TASKS = Path.of("/proc/self/task");
    static final Duration RESCAN = Duration.ofMillis(50);
    static final Duration AWAIT = Duration.ofSeconds(20);

    @Test
    void nice_isField19_evenWhenTheThreadNameHoldsSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime priority nice ...
        String stat = "4242 (entity (fe) x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 30 7 1 0";

        assertEquals(7, BackgroundThreadPriority.nice(stat));
    }

    @Test
    void isBackground_matchesTheFeatureJobAndCompactionThreads_notTheServingOnesTheJitNorFlushes() {
        for (String name : List.of("entity-features", "graph-features ", "Source Data Fet", "flink-pekko.act", "rocksdb:low")) {
            assertTrue(BackgroundThreadPriority.isBackground(name), name);
        }
        for (String name : List.of("woolguard-decid", "default-eventLo", "C2 CompilerThre", "GC Thread#0", "G1 Conc#0", "main", "rocksdb:high")) {
            assertFalse(BackgroundThreadPriority.isBackground(name), name);
        }
    }

    @Test
    void start_lowersBackgroundThreads_leavesServingThreadsAlone_andPicksUpLaterThreads() throws Exception {
        assumeTrue(Files.isDirectory(TASKS), "Linux /proc only");
        CountDownLatch done = new CountDownLatch(1);
        Thread background = parked("entity-features -> feature-sink (1/2)#0", done);
        Thread serving = parked("woolguard-decide-test", done);
        Thread later = null;
        // The passes run on the scanner's own schedule; the test waits for their effect rather than
        // racing them with passes of its own.
        try (BackgroundThreadPriority ignored = BackgroundThreadPriority.start(10, RESCAN).orElseThrow()) {
            awaitNice("entity-features", 10, "the feature job's thread runs at nice 10 after the first pass");
            assertTrue(niceOf("woolguard-decid") < 10, "a decision thread keeps the normal priority");

            later = parked("graph-features -> graph-feature-sink (1/1)#0", done);
            awaitNice("graph-features ", 10, "a thread started after the first pass is lowered by a later one");
            assertTrue(niceOf("woolguard-decid") < 10, "the rescans leave the decision thread alone too");
        } finally {
            done.countDown();
            background.join();
            serving.join();
            if (later != null) {
                later.join();
            }
        }
    }

    @Test
    void scan_lowersEachThreadOnce_andCountsWhatItLowered() throws Exception {
        assumeTrue(Files.isDirectory(TASKS), "Linux /proc only");
        CountDownLatch done = new CountDownLatch(1);
        // an hour between passes: after the scheduled first one, only the test's own passes run
        try (BackgroundThreadPriority priority = BackgroundThreadPriority.start(10, Duration.ofHours(1)).orElseThrow()) {
            Thread background = parked("Checkpoint Timer test", done);
            try {
                // Passes are serialised: once this one returns, the thread has been lowered by it or by
                // the scheduled first pass, whichever saw it first.
                priority.scan();
                assertEquals(10, niceOf("Checkpoint Time"), "lowered by the first pass that saw it");
                assertEquals(0, priority.scan(), "a thread already lowered is not lowered again");
            } finally {
                done.countDown();
                background.join();
            }
        }
    }

    private static void awaitNice(String nativeName, int expected, String message) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        int nice = niceOf(nativeName);
        while (nice != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            nice = niceOf(nativeName);
        }
        assertEquals(expected, nice, message + " (waited up to " + AWAIT.toSeconds() + " s)");
    }

    private static Thread parked(String name, CountDownLatch done) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            started.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.start();
        started.await();
        return thread;
    }

    private static int niceOf(String nativeName) throws IOException {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).trim().equals(nativeName.trim())) {
                        return BackgroundThreadPriority.nice(Files.readString(task.resolve("stat")));
                    }
                } catch (NoSuchFileException ended) {
                    // another thread of this JVM (an earlier test's pool) ended between the listing and the read
                }
            }
        }
        throw new AssertionError("no thread named " + nativeName);
    }
}
