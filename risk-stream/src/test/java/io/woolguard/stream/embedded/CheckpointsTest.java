package io.woolguard.stream.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointsTest {
    @TempDir
    Path root;

    @Test
    void latestCompleted_isTheNewestWithMetadataAcrossJobs() throws IOException {
        completed("job-a/chk-7", "2026-11-22T03:00:00Z");
        completed("job-b/chk-3", "2026-11-22T03:05:00Z");
        Files.createDirectories(root.resolve("job-b/chk-4")); // in progress: no _metadata yet
        Files.createDirectories(root.resolve("job-b/shared"));

        assertEquals(Optional.of(root.resolve("job-b/chk-3")), Checkpoints.latestCompleted(root));
    }

    @Test
    void latestCompleted_isEmptyWithoutCheckpoints() throws IOException {
        assertEquals(Optional.empty(), Checkpoints.latestCompleted(root.resolve("missing")));
        Files.createDirectories(root.resolve("job-a/chk-1"));
        assertEquals(Optional.empty(), Checkpoints.latestCompleted(root));
    }

    @Test
    void deleteJobsOtherThan_keepsOnlyTheRestoredJob() throws IOException {
        completed("job-a/chk-7", "2026-11-22T03:00:00Z");
        completed("job-b/chk-3", "2026-11-22T03:05:00Z");
        assertEquals(1, Checkpoints.deleteJobsOtherThan(root, root.resolve("job-b")));
        assertFalse(Files.exists(root.resolve("job-a")));
        assertTrue(Files.exists(root.resolve("job-b/chk-3/_metadata")));
    }

    private void completed(String checkpoint, String at) throws IOException {
        Path metadata = Files.createDirectories(root.resolve(checkpoint)).resolve("_metadata");
        Files.write(metadata, new byte[] {1});
        Files.setLastModifiedTime(metadata, FileTime.from(Instant.parse(at)));
    }
}
