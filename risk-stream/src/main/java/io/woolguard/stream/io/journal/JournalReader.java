package io.woolguard.stream.io.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a journal directory from an offset and keeps following it as it grows, across segment
 * rolls. A record is returned only once it is completely written and its checksum holds. Not
 * thread-safe: one reader per consuming thread.
 */
public final class JournalReader implements AutoCloseable {
    private final Path directory;
    private SegmentCursor cursor;

    /**
     * Opens a reader whose first record will be {@code fromOffset}.
     *
     * @throws IllegalStateException if the offset was already removed by retention or lies beyond
     *                               the journal's end
     */
    public JournalReader(Path directory, long fromOffset) throws IOException {
        this.directory = directory;
        List<Long> bases = JournalFormat.segmentBases(directory);
        if (bases.isEmpty()) {
            throw new IllegalStateException("no journal segments in " + directory);
        }
        if (fromOffset < bases.get(0)) {
            throw new IllegalStateException("journal offset " + fromOffset + " was already deleted by retention; "
                    + directory + " starts at offset " + bases.get(0));
        }
        long base = bases.get(0);
        for (long candidate : bases) {
            if (candidate <= fromOffset) {
                base = candidate;
            }
        }
        cursor = new SegmentCursor(JournalFormat.segmentPath(directory, base), base);
        while (cursor.nextOffset() < fromOffset) {
            JournalRecord skipped = nextRecord();
            if (skipped == null) {
                throw new IllegalStateException("journal offset " + fromOffset + " lies beyond the end of "
                        + directory + " (which ends at " + cursor.nextOffset() + ")");
            }
        }
    }

    /** Offset of the next record this reader returns. */
    public long nextOffset() {
        return cursor.nextOffset();
    }

    /** Up to {@code maxRecords} records available now, in offset order; empty when caught up. */
    public List<JournalRecord> poll(int maxRecords) throws IOException {
        List<JournalRecord> records = new ArrayList<>(Math.min(maxRecords, 1024));
        while (records.size() < maxRecords) {
            JournalRecord record = nextRecord();
            if (record == null) {
                break;
            }
            records.add(record);
        }
        return records;
    }

    private JournalRecord nextRecord() throws IOException {
        JournalRecord record = cursor.next();
        if (record != null) {
            return record;
        }
        // Caught up with this segment. The writer rolls only after the segment is complete, so if
        // the next segment exists, drain this one once more and move on.
        Path next = JournalFormat.segmentPath(directory, cursor.nextOffset());
        if (!Files.exists(next)) {
            return null;
        }
        record = cursor.next();
        if (record != null) {
            return record;
        }
        if (cursor.pendingBytes() > 0) {
            throw new CorruptJournalException("segment ending at offset " + cursor.nextOffset() + " in " + directory
                    + " has a torn record followed by a newer segment");
        }
        SegmentCursor following = new SegmentCursor(next, cursor.nextOffset());
        cursor.close();
        cursor = following;
        return cursor.next();
    }

    @Override
    public void close() throws IOException {
        cursor.close();
    }

    /** What a scan of one segment found: where the valid records end and how many there are. */
    public record SegmentScan(long validBytes, long records, long fileBytes) {
        /** True when bytes beyond the last valid record must be cut off. */
        public boolean torn() {
            return fileBytes > validBytes;
        }
    }

    /**
     * Scans a segment for recovery: counts the records that are complete and intact, stopping at the
     * first incomplete, impossible or corrupt one. A segment shorter than its header scans as empty.
     *
     * @throws CorruptJournalException if the file does not start with the segment magic number
     */
    public static SegmentScan scan(Path segment, long baseOffset) throws IOException {
        long fileBytes = Files.size(segment);
        if (fileBytes < JournalFormat.SEGMENT_HEADER_BYTES) {
            return new SegmentScan(0, 0, fileBytes);
        }
        try (SegmentCursor scanCursor = new SegmentCursor(segment, baseOffset)) {
            long records = 0;
            scanCursor.checkHeader();
            while (true) {
                JournalRecord record;
                try {
                    record = scanCursor.next();
                } catch (CorruptJournalException damaged) {
                    break;
                }
                if (record == null) {
                    break;
                }
                records++;
            }
            return new SegmentScan(scanCursor.position(), records, fileBytes);
        }
    }
}
