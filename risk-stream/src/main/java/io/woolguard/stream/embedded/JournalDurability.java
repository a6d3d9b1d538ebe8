package io.woolguard.stream.embedded;

/** How far an append has travelled when {@link EventJournal#append} returns. */
public enum JournalDurability {
    /**
     * Written to the operating system (page cache): survives the process being killed, even with
     * {@code kill -9}, but an operating-system crash or power loss can lose the last unsynced writes.
     */
    OS_WRITE,
    /** Written and forced to the storage device ({@code fsync}) per group of appends: survives power loss. */
    FSYNC
}
