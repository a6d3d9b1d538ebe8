package io.woolguard.stream.io;

/**
 * A decoded journal record on its way from the fetcher thread to the emitter.
 *
 * @param offset its journal offset
 * @param value  the decoded record, or {@code null} when it could not be decoded (then skipped)
 * @param <T>    the emitted type
 */
record JournalEntry<T>(long offset, T value) {
}
