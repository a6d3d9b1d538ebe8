package io.woolguard.stream.io.journal;

import java.io.IOException;

/** A complete record in the middle of the journal fails its checksum: the journal is damaged. */
public final class CorruptJournalException extends IOException {
    public CorruptJournalException(String message) {
        super(message);
    }
}
