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
    private static final long NANOS_PER_TICK = 10_000_000L;

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

    /**
     * utime + stime of a {@code /proc/<pid>/stat} line, in nanoseconds. The command name (field 2)
     * is in parentheses and may contain spaces, so fields are counted after the last ')'.
     */
    static OptionalLong parse(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // after the name: state(3) ppid(4) ... utime is field 14, stime field 15 -> indexes 11 and 12 here
        if (fields.length < 13) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK);
    }
}
