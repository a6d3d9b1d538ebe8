package io.woolguard.stream.io.journal;

/** What a reader in the same JVM may ask of a live journal. Implementations are thread-safe. */
public interface JournalHandle {
    /** Offset the next appended record will get (the number of records ever appended). */
    long endOffset();

    /**
     * Waits until the journal's end offset exceeds {@code offset}, at most {@code timeoutMillis};
     * returns early when {@link #wakeUpReaders()} is called. Returns true when it does.
     */
    boolean awaitEndBeyond(long offset, long timeoutMillis) throws InterruptedException;

    /** Wakes every reader blocked in {@link #awaitEndBeyond}. */
    void wakeUpReaders();

    /** The consumer has read every record below {@code nextOffset}. */
    void consumerRead(long nextOffset);

    /** A completed checkpoint covers every record below {@code offset}: segments below it may go. */
    void consumerCommitted(long offset);
}
