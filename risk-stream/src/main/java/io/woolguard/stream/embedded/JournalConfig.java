package io.woolguard.stream.embedded;

import java.util.Objects;

/**
 * How the {@link EventJournal} writes.
 *
 * @param segmentBytes size after which the journal starts a new segment file (retention deletes
 *                     whole segments), at least 64 KiB
 * @param durability   how durable an append is when it returns
 */
public record JournalConfig(long segmentBytes, JournalDurability durability) {
    /** Default segment size: 64 MiB. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    private static final long MIN_SEGMENT_BYTES = 64L * 1024;

    public JournalConfig {
        if (segmentBytes < MIN_SEGMENT_BYTES) {
            throw new IllegalArgumentException("journal segmentBytes must be at least " + MIN_SEGMENT_BYTES
                    + ", got " + segmentBytes);
        }
        Objects.requireNonNull(durability, "durability: choose OS_WRITE or FSYNC");
    }

    /** 64 MiB segments, appends written to the OS before they return. */
    public static JournalConfig defaults() {
        return new JournalConfig(DEFAULT_SEGMENT_BYTES, JournalDurability.OS_WRITE);
    }

    /** This config with another segment size. */
    public JournalConfig withSegmentBytes(long bytes) {
        return new JournalConfig(bytes, durability);
    }

    /** This config with another durability. */
    public JournalConfig withDurability(JournalDurability newDurability) {
        return new JournalConfig(segmentBytes, newDurability);
    }
}
