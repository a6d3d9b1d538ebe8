package io.woolguard.core.internal.engine;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of locks chosen by a key's hash, so that concurrent duplicates of one event id are
 * decided one after the other (the second finds the first's stored decision), while different ids
 * rarely wait for each other.
 */
final class StripeLocks {
    private final ReentrantLock[] locks;

    StripeLocks(int stripes) {
        int size = Integer.highestOneBit(Math.max(1, stripes - 1)) << 1;
        locks = new ReentrantLock[size];
        for (int i = 0; i < size; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    ReentrantLock lockFor(String key) {
        int h = key.hashCode();
        h ^= h >>> 16;
        return locks[h & (locks.length - 1)];
    }
}
