package io.woolguard.stream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds completed checkpoints in Flink's layout {@code <root>/<job id>/chk-<n>/_metadata} (a
 * checkpoint is complete once its {@code _metadata} file exists) and removes old job directories.
 */
final class Checkpoints {
    private static final Pattern CHECKPOINT_DIR = Pattern.compile("chk-(\\d+)");

    private Checkpoints() {
    }

    /** The newest completed checkpoint's directory under {@code root}, by metadata write time. */
    static Optional<Path> latestCompleted(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(root)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(Checkpoints::completedIn)
                    .max(Comparator.comparingLong(Checkpoints::metadataTime)
                            .thenComparingLong(Checkpoints::checkpointNumber));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + root, e);
        }
    }

    private static Stream<Path> completedIn(Path jobDir) {
        try (Stream<Path> children = Files.list(jobDir)) {
            return children.filter(dir -> CHECKPOINT_DIR.matcher(dir.getFileName().toString()).matches())
                    .filter(dir -> Files.isRegularFile(dir.resolve("_metadata")))
                    .toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static long metadataTime(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    private static long checkpointNumber(Path checkpoint) {
        Matcher m = CHECKPOINT_DIR.matcher(checkpoint.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * Deletes every job directory under {@code root} except {@code keepJobDir}: restoring in Flink's
     * default NO_CLAIM mode needs only the checkpoint restored from, and the new job's first
     * checkpoint is a full one.
     */
    static int deleteJobsOtherThan(Path root, Path keepJobDir) {
        int deleted = 0;
        try (Stream<Path> jobs = Files.list(root)) {
            for (Path job : jobs.filter(Files::isDirectory).toList()) {
                if (!job.equals(keepJobDir)) {
                    deleteRecursively(job);
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean old checkpoints in " + root, e);
        }
        return deleted;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
