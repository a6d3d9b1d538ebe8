package io.woolguard.server.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the scheduling priority (raises the Linux nice value) of the threads that do background
 * work in embedded mode — the Flink feature job's tasks and its checkpointing and RPC threads, and
 * RocksDB's compactions — so that when the cores are contended, the HTTP event loop and the decision threads
 * get them first. Nothing is slowed while a core is idle: a nice thread still takes all the CPU
 * nobody else wants. The price is stated in the README: under sustained saturation the feature job
 * gets what decisions leave and its features fall behind instead of decisions queueing.
 *
 * <p>Linux only (threads are found under {@code /proc/self/task} by the first 15 bytes of their
 * name, which is what the kernel keeps; the value is set with {@code renice}, which any process may
 * do to its own threads when lowering their priority). Threads started later (a restarted Flink task)
 * are picked up by a rescan every few seconds. Elsewhere, or without {@code renice}, it logs once and
 * does nothing.
 */
final class BackgroundThreadPriority implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundThreadPriority.class);
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Native-name prefixes (at most 15 bytes) of the background threads. */
    static final List<String> BACKGROUND_THREADS = List.of(
            // the feature job's operator chains and their timers, flushers and source fetchers
            "entity-features", "graph-features", "Source: feature", "Source Data Fet", "OutputFlusher f",
            "Time Trigger fo", "System Time Tri",
            // checkpoints, the MiniCluster's RPC, I/O and scheduling threads
            "Flink-RocksDBSt", "AsyncOperations", "Checkpoint Time", "flink-", "jobmanager-", "mini-cluster-io",
            // RocksDB's compaction pool, shared by the engine's stores and the job's state: a compaction can
            // always wait (RocksDB's own Env::LowerThreadPoolCPUPriority exists for this pool), and at half
            // load it took as much CPU as the decision threads at the same priority
            "rocksdb:low");
    // Not RocksDB's flush pool ("rocksdb:high"): a write waits for a flush when the memtables are full,
    // and the decision log is written on every decision.
    // Not the JIT compilers: lowered, they compiled 40% fewer methods in a fresh server's first 10 s
    // under 400 decisions/s, and interpreted decisions left even less CPU for them.

    private final int niceness;
    private final ScheduledExecutorService scanner;
    private final Set<Long> lowered = new HashSet<>();
    private boolean failed;

    private BackgroundThreadPriority(int niceness, Duration rescanEvery) {
        this.niceness = niceness;
        this.scanner = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "woolguard-thread-priority");
            thread.setDaemon(true);
            return thread;
        });
        scanner.scheduleWithFixedDelay(this::scanQuietly, 0, rescanEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts lowering background threads to {@code niceness} (1–19), now and every {@code rescanEvery};
     * empty when {@code niceness} is 0 or this is not a Linux with {@code /proc}.
     */
    static Optional<BackgroundThreadPriority> start(int niceness, Duration rescanEvery) {
        if (niceness < 0 || niceness > 19) {
            throw new IllegalArgumentException("niceness must be between 0 and 19, got " + niceness);
        }
        if (niceness == 0) {
            LOG.info("Background threads keep the normal priority (woolguard.embedded.background-niceness = 0)");
            return Optional.empty();
        }
        if (!Files.isDirectory(TASKS)) {
            LOG.info("Background threads keep the normal priority: {} does not exist (not Linux)", TASKS);
            return Optional.empty();
        }
        return Optional.of(new BackgroundThreadPriority(niceness, rescanEvery));
    }

    private synchronized void scanQuietly() {
        if (failed) {
            return;
        }
        try {
            int count = scan();
            if (count > 0) {
                LOG.info("Lowered {} background thread(s) (the feature job, RocksDB compactions) to nice {} so that decisions get the cores first;"
                        + " {} so far", count, niceness, lowered.size());
            }
        } catch (IOException | RuntimeException e) {
            failed = true;
            LOG.warn("Could not lower the priority of background threads ({}); they keep the normal priority", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One pass: lowers every background thread not lowered yet; returns how many it lowered. */
    synchronized int scan() throws IOException, InterruptedException {
        List<String> toLower = new ArrayList<>();
        Set<Long> alive = new HashSet<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                long tid = Long.parseLong(task.getFileName().toString());
                alive.add(tid);
                if (lowered.contains(tid) || !isBackground(read(task.resolve("comm")))) {
                    continue;
                }
                String stat = read(task.resolve("stat"));
                if (stat.isEmpty()) {
                    continue; // ended meanwhile
                }
                if (nice(stat) < niceness) {
                    toLower.add(Long.toString(tid));
                }
                lowered.add(tid);
            }
        }
        lowered.retainAll(alive);
        if (!toLower.isEmpty()) {
            renice(toLower);
        }
        return toLower.size();
    }

    static boolean isBackground(String nativeName) {
        for (String prefix : BACKGROUND_THREADS) {
            if (nativeName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The nice value, field 19 of {@code /proc/<pid>/task/<tid>/stat} (after the parenthesised name). */
    static int nice(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.parseInt(fields[16]);
    }

    private void renice(List<String> tids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(niceness), "-p"));
        command.addAll(tids);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            // a thread that ended between the scan and renice fails alone; anything else is real
            if (!output.contains("No such process")) {
                throw new IOException("renice failed: " + output);
            }
        }
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file).trim();
        } catch (NoSuchFileException ended) {
            return "";
        }
    }

    @Override
    public void close() {
        scanner.shutdownNow();
    }
}
