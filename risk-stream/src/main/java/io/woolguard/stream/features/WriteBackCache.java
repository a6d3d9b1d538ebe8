package io.woolguard.stream.features;

import org.apache.flink.streaming.api.operators.KeyContext;

/**
 * A keyed process function whose state caches can be write-back ({@link RecentStates}): run by a
 * {@link WriteBackProcessOperator}, it keeps new values on the heap and writes one to keyed state
 * when it leaves the cache and at {@link #flush()}, which the operator calls before every checkpoint
 * barrier and when input ends. Run by a plain {@code KeyedProcessOperator}, it writes through.
 */
public interface WriteBackCache {
    /**
     * Called before the function is opened: cache write-back, writing another key's value by
     * switching the current key through {@code keys} (and back).
     */
    void writeBackThrough(KeyContext keys);

    /** Writes every cached value that keyed state does not hold yet; the current key is as before. */
    void flush() throws Exception;

    /** Writes that may switch the current key. */
    @FunctionalInterface
    interface KeyedWrites {
        void run() throws Exception;
    }

    /** Runs {@code writes} and then makes the key that was current before current again (if any). */
    static void keepingCurrentKey(KeyContext keys, KeyedWrites writes) throws Exception {
        Object current = keys.getCurrentKey();
        try {
            writes.run();
        } finally {
            if (current != null) {
                keys.setCurrentKey(current);
            }
        }
    }
}
