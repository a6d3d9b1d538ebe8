package io.woolguard.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerThreadsTest {
    /** A stat line as Linux writes it, for a thread named {@code name} with the given ticks and nice. */
    private static String stat(long tid, String name, long utime, long stime, int nice) {
        return tid + " (" + name + ") S 1 1 1 0 -1 4194368 100 0 0 0 " + utime + " " + stime
                + " 0 0 30 " + nice + " 40 0 123 456 789";
    }

    @Test
    void parse_readsNameTicksAndNice_evenWithSpacesAndParenthesesInTheName() {
        ServerThreads.Sample sample = ServerThreads.parse(stat(42, "Source: feature) (1/2)", 150, 25, 10));

        assertEquals("Source: feature) (1/2)", sample.name());
        assertEquals(175, sample.ticks());
        assertEquals(10, sample.nice());
    }

    @Test
    void parse_rejectsLinesThatAreNotStat() {
        assertNull(ServerThreads.parse("no parentheses here"));
        assertNull(ServerThreads.parse("1 (short) S 1 2"));
    }

    @Test
    void kindOf_sortsTheServersThreads() {
        assertEquals(ServerThreads.Kind.EVENT_LOOP, ServerThreads.kindOf("default-eventLo"));
        assertEquals(ServerThreads.Kind.DECIDE, ServerThreads.kindOf("woolguard-decid"));
        assertEquals(ServerThreads.Kind.JIT, ServerThreads.kindOf("C2 CompilerThre"));
        assertEquals(ServerThreads.Kind.JIT, ServerThreads.kindOf("C1 CompilerThre"));
        assertEquals(ServerThreads.Kind.GC, ServerThreads.kindOf("ZWorker#0"));
        assertEquals(ServerThreads.Kind.FEATURE_JOB, ServerThreads.kindOf("entity-features"));
        assertEquals(ServerThreads.Kind.FEATURE_JOB, ServerThreads.kindOf("flink-pekko.act"));
        assertEquals(ServerThreads.Kind.COMPACTION, ServerThreads.kindOf("rocksdb:low"));
        assertEquals(ServerThreads.Kind.FLUSH, ServerThreads.kindOf("rocksdb:high"));
        assertEquals(ServerThreads.Kind.OTHER, ServerThreads.kindOf("ForkJoinPool.co"));
    }

    @Test
    void cpuSince_countsEachKindsTicksInBetween_andNewThreadsFromZero() {
        ServerThreads.Snapshot before = new ServerThreads.Snapshot(Map.of(
                1L, new ServerThreads.Sample("C2 CompilerThre", 100, 0),
                2L, new ServerThreads.Sample("woolguard-decid", 50, 0)));
        ServerThreads.Snapshot after = new ServerThreads.Snapshot(Map.of(
                1L, new ServerThreads.Sample("C2 CompilerThre", 130, 0),
                2L, new ServerThreads.Sample("woolguard-decid", 120, 0),
                3L, new ServerThreads.Sample("entity-features", 10, 10)));

        Map<ServerThreads.Kind, Long> used = after.cpuSince(before);

        assertEquals(300_000_000L, used.get(ServerThreads.Kind.JIT));
        assertEquals(700_000_000L, used.get(ServerThreads.Kind.DECIDE));
        assertEquals(100_000_000L, used.get(ServerThreads.Kind.FEATURE_JOB));
        assertEquals(0L, used.get(ServerThreads.Kind.GC));
        assertEquals("10", after.niceOf(ServerThreads.Kind.FEATURE_JOB, before));
        assertEquals("-", after.niceOf(ServerThreads.Kind.GC, before));
    }

    @Test
    void format_givesShareMicrosPerRequestAndTheBusyThreadsNice_leavingOutIdleKindsAndThreads() {
        ServerThreads.Snapshot before = new ServerThreads.Snapshot(Map.of(
                1L, new ServerThreads.Sample("C2 CompilerThre", 0, 0),
                2L, new ServerThreads.Sample("woolguard-decid", 0, 0),
                3L, new ServerThreads.Sample("entity-features", 0, 10),
                4L, new ServerThreads.Sample("Flink-Dispatche", 5, 0)));
        ServerThreads.Snapshot after = new ServerThreads.Snapshot(Map.of(
                1L, new ServerThreads.Sample("C2 CompilerThre", 25, 0),
                2L, new ServerThreads.Sample("woolguard-decid", 70, 0),
                3L, new ServerThreads.Sample("entity-features", 5, 10),
                4L, new ServerThreads.Sample("Flink-Dispatche", 5, 0)));

        String line = ServerThreads.format(before, after, 1_000);

        assertTrue(line.contains("decide threads 70% (700 us/req, nice 0)"), line);
        assertTrue(line.contains("JIT 25% (250 us/req, nice 0)"), line);
        // the idle dispatcher at nice 0 is not reported beside the busy job thread at nice 10
        assertTrue(line.contains("feature job 5% (50 us/req, nice 10)"), line);
        assertFalse(line.contains("GC"), line);
        assertEquals("", ServerThreads.format(before, after, 0));
    }
}
