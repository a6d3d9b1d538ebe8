package io.woolguard.stream.io.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFormatTest {
    @TempDir
    Path dir;

    @Test
    void segmentPath_isTheZeroPaddedBaseOffset_andSegmentBasesReadsItBack() throws Exception {
        assertEquals("00000000000000000000.wal", JournalFormat.segmentPath(dir, 0).getFileName().toString());
        assertEquals("00000000000000012345.wal", JournalFormat.segmentPath(dir, 12_345).getFileName().toString());
        assertEquals("09223372036854775807.wal", JournalFormat.segmentPath(dir, Long.MAX_VALUE).getFileName().toString());
        for (long base : List.of(1_000_000L, 7L, 0L)) {
            Files.createFile(JournalFormat.segmentPath(dir, base));
        }
        Files.createFile(dir.resolve("7.wal")); // not a segment name: ignored
        assertEquals(List.of(0L, 7L, 1_000_000L), JournalFormat.segmentBases(dir));
        assertThrows(IllegalArgumentException.class, () -> JournalFormat.segmentPath(dir, -1));
    }
}
