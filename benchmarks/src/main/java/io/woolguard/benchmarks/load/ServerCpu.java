package io.woolguard.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time the server process has used, read from {@code /proc/<pid>/stat} (Linux): user plus
 * system time of all its threads. On a shared machine throughput moves with whatever else runs;
 * CPU per request does much less, so the load generator reports both.
 */
final class ServerCpu {
    /** Linux reports {@code utime}/{@code stime} in USER_HZ ticks, 100 per second on every mainstream kernel. */
    static final long NANOS_PER_TICK = 10_000_000L;

    private final long pid;

    ServerCpu(long pid) {
        this.pid = pid;
    }

    /** CPU time used so far in nanoseconds, or empty when the process cannot be read. */
    OptionalLong usedNanos() {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** utime + stime of a {@code /proc/<pid>/stat} line ({@link ServerThreads#parse}), in nanoseconds. */
    static OptionalLong parse(String stat) {
        ServerThreads.Sample sample = ServerThreads.parse(stat);
        return sample == null ? OptionalLong.empty() : OptionalLong.of(sample.ticks() * NANOS_PER_TICK);
    }
}
