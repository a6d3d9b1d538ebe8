package io.woolguard.benchmarks.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where the server's CPU went, by kind of thread, read from {@code /proc/<pid>/task/<tid>/stat}
 * (Linux). A phase's CPU per request mixes the decision path with the JIT still compiling, the
 * embedded feature job and the collector; this splits it so that a run says which one moved, and
 * shows the nice value each kind of thread ran at (the feature job's should be raised).
 */
public final class ServerThreads {
    /** Kinds of server thread, by the native name (at most 15 bytes) the kernel keeps. */
    enum Kind {
        /** Micronaut's Netty event loops: HTTP, auth, body parsing, response writing. */
        EVENT_LOOP("event loop"),
        /** {@code woolguard-decide-N}: the engine's decide and the JSON written back. */
        DECIDE("decide threads"),
        /** C1 and C2 compiler threads. */
        JIT("JIT"),
        /** The collector's threads (ZGC or G1). */
        GC("GC"),
        /** The embedded Flink feature job: operators, sources, timers, checkpoints, RPC. */
        FEATURE_JOB("feature job"),
        /** RocksDB's shared compaction pool ({@code rocksdb:low}). */
        COMPACTION("RocksDB compactions"),
        /** RocksDB's shared flush pool ({@code rocksdb:high}). */
        FLUSH("RocksDB flushes"),
        /** Everything else (Caffeine maintenance on the common pool, JVM service threads, ...). */
        OTHER("other");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final List<String> FEATURE_JOB_PREFIXES = List.of("entity-features", "graph-features",
            "Source: feature", "Source Data Fet", "OutputFlusher f", "Time Trigger fo", "System Time Tri",
            "Flink-", "flink-", "AsyncOperations", "Checkpoint Time", "jobmanager-", "mini-cluster-io",
            "SourceCoordinat");

    static Kind kindOf(String nativeName) {
        if (nativeName.startsWith("default-eventLo") || nativeName.contains("EventLoop")) {
            return Kind.EVENT_LOOP;
        }
        if (nativeName.startsWith("woolguard-decid")) {
            return Kind.DECIDE;
        }
        if (nativeName.startsWith("C1 CompilerThre") || nativeName.startsWith("C2 CompilerThre")) {
            return Kind.JIT;
        }
        if (nativeName.startsWith("ZWorker") || nativeName.startsWith("ZDriver") || nativeName.startsWith("ZDirector")
                || nativeName.startsWith("ZStat") || nativeName.startsWith("ZUnmapper") || nativeName.startsWith("GC Thread")
                || nativeName.startsWith("G1 ")) {
            return Kind.GC;
        }
        if (nativeName.startsWith("rocksdb:low")) {
            return Kind.COMPACTION;
        }
        if (nativeName.startsWith("rocksdb:high")) {
            return Kind.FLUSH;
        }
        for (String prefix : FEATURE_JOB_PREFIXES) {
            if (nativeName.startsWith(prefix)) {
                return Kind.FEATURE_JOB;
            }
        }
        return Kind.OTHER;
    }

    /** One thread's CPU ticks (user + system, USER_HZ) and nice value. */
    public record Sample(String name, long ticks, int nice) {
    }

    /** Every live thread of a process, by thread id. */
    public record Snapshot(Map<Long, Sample> threads) {
        /**
         * CPU used by each kind of thread between {@code earlier} and this snapshot, in nanoseconds;
         * a thread started in between counts from zero, one that ended in between is lost.
         */
        Map<Kind, Long> cpuSince(Snapshot earlier) {
            Map<Kind, Long> used = new EnumMap<>(Kind.class);
            for (Kind kind : Kind.values()) {
                used.put(kind, 0L);
            }
            threads.forEach((tid, now) -> {
                Sample before = earlier.threads.get(tid);
                long ticks = now.ticks - (before == null ? 0 : before.ticks);
                used.merge(kindOf(now.name), Math.max(0, ticks) * ServerCpu.NANOS_PER_TICK, Long::sum);
            });
            return used;
        }

        /**
         * The distinct nice values of the threads of {@code kind} that used CPU since {@code earlier},
         * e.g. "10" or "0,10"; "-" when none did. Idle threads are left out: they say nothing about
         * what the busy ones competed with.
         */
        String niceOf(Kind kind, Snapshot earlier) {
            TreeSet<Integer> values = new TreeSet<>();
            threads.forEach((tid, now) -> {
                Sample before = earlier.threads.get(tid);
                if (kindOf(now.name) == kind && now.ticks > (before == null ? 0 : before.ticks)) {
                    values.add(now.nice);
                }
            });
            return values.isEmpty() ? "-" : String.join(",", values.stream().map(String::valueOf).toList());
        }
    }

    private final Path tasks;

    public ServerThreads(long pid) {
        this.tasks = Path.of("/proc", Long.toString(pid), "task");
    }

    /** The process's threads now; empty when {@code /proc} cannot be read (not Linux, the process ended). */
    public Snapshot snapshot() {
        Map<Long, Sample> threads = new HashMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                try {
                    Sample sample = parse(Files.readString(task.resolve("stat")));
                    if (sample != null) {
                        threads.put(Long.parseLong(task.getFileName().toString()), sample);
                    }
                } catch (NoSuchFileException ended) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Snapshot(Map.of());
        }
        return new Snapshot(threads);
    }

    /**
     * Name, utime + stime and nice of a {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat} line, or null if it is
     * not one. The name (field 2) is in parentheses and may hold spaces and parentheses, so fields
     * are counted after the last ')': utime is field 14, stime 15, nice 19.
     */
    static Sample parse(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        if (fields.length < 17) {
            return null;
        }
        return new Sample(stat.substring(open + 1, close), Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                Integer.parseInt(fields[16]));
    }

    /**
     * One line per kind with the CPU it used between the snapshots: share of the server's CPU, µs per
     * request, and the nice values of its busy threads. Kinds that used nothing are left out.
     */
    static String format(Snapshot before, Snapshot after, long requests) {
        return format(before, after, requests, "server CPU by thread", "req");
    }

    /** As {@link #format(Snapshot, Snapshot, long)} with another heading and unit ("event": µs/event). */
    public static String format(Snapshot before, Snapshot after, long count, String heading, String unit) {
        Map<Kind, Long> used = after.cpuSince(before);
        long total = used.values().stream().mapToLong(Long::longValue).sum();
        if (total <= 0 || count <= 0) {
            return "";
        }
        StringBuilder out = new StringBuilder("   ").append(heading).append(':');
        String separator = " ";
        for (Kind kind : Kind.values()) {
            long nanos = used.get(kind);
            if (nanos == 0) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%s%s %.0f%% (%,.0f us/%s, nice %s)", separator, kind.label,
                    100.0 * nanos / total, nanos / 1e3 / count, unit, after.niceOf(kind, before)));
            separator = "; ";
        }
        return out.append(System.lineSeparator()).toString();
    }
}
