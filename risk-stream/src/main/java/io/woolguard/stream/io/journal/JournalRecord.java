package io.woolguard.stream.io.journal;

import java.util.Objects;

/**
 * One record read back from the journal.
 *
 * @param offset  its offset (records count from 0)
 * @param kind    {@link JournalFormat#KIND_EVENT} or {@link JournalFormat#KIND_LABEL}
 * @param payload the codec's JSON bytes
 */
public record JournalRecord(long offset, byte kind, byte[] payload) {
    public JournalRecord {
        Objects.requireNonNull(payload, "payload");
    }
}
