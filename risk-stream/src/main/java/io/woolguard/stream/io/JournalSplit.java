package io.woolguard.stream.io;

import org.apache.flink.api.connector.source.SourceSplit;

import java.util.Objects;

/**
 * The journal as a split: the whole log is one split (its records are totally ordered), read from
 * {@code offset}, the offset of the next record to emit. Checkpointed, so a restore resumes exactly
 * there.
 *
 * @param directory the journal directory (absolute)
 * @param offset    the next record to read
 */
public record JournalSplit(String directory, long offset) implements SourceSplit {
    /** The id of the journal's only split. */
    public static final String ID = "journal";

    public JournalSplit {
        Objects.requireNonNull(directory, "directory");
        if (offset < 0) {
            throw new IllegalArgumentException("journal offset must be >= 0, got " + offset);
        }
    }

    @Override
    public String splitId() {
        return ID;
    }

    /** This split from another offset. */
    public JournalSplit at(long newOffset) {
        return new JournalSplit(directory, newOffset);
    }
}
