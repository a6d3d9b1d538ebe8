package io.woolguard.stream.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentStatesTest {
    private final List<String> written = new ArrayList<>();

    private RecentStates<String> writeBack(int capacity) {
        return new RecentStates<>(capacity, (key, bytes) -> written.add(key + "=" + bytes[0]));
    }

    @Test
    void writeBack_evictsTheLeastRecentlyUsedAndWritesItOnlyIfDirty() throws Exception {
        RecentStates<String> cache = writeBack(2);
        cache.putDirty("a", new byte[] {1});
        cache.putDirty("b", new byte[] {2});
        cache.get("a");
        cache.putDirty("c", new byte[] {3});
        assertEquals(List.of("b=2"), written, "b was least recently used");
        assertNull(cache.get("b"));
        assertEquals(2, cache.dirtyCount());

        cache.flush();
        assertEquals(List.of("b=2", "a=1", "c=3"), written);
        assertEquals(0, cache.dirtyCount());
        assertArrayEquals(new byte[] {1}, cache.get("a"), "flushed entries stay cached");
        cache.flush();
        assertEquals(3, written.size(), "nothing dirty: nothing written again");

        cache.putDirty("d", new byte[] {4});
        assertEquals(3, written.size(), "a clean entry is evicted without a write");
        assertEquals(2, cache.size());
    }

    @Test
    void writeBack_rewritingAKeyKeepsOneDirtyEntryWithTheNewestValue() throws Exception {
        RecentStates<String> cache = writeBack(4);
        cache.putDirty("a", new byte[] {1});
        cache.putDirty("a", new byte[] {2});
        assertEquals(1, cache.dirtyCount());
        cache.flush();
        cache.putDirty("a", new byte[] {3});
        cache.flush();
        assertEquals(List.of("a=2", "a=3"), written);
    }

    @Test
    void writeBack_aRemovedKeyIsNeverWritten() throws Exception {
        RecentStates<String> cache = writeBack(1);
        cache.putDirty("a", new byte[] {1});
        cache.remove("a");
        assertEquals(0, cache.dirtyCount());
        cache.putDirty("b", new byte[] {2});
        cache.flush();
        assertEquals(List.of("b=2"), written);
    }

    @Test
    void writeBack_manyEvictionsBetweenFlushes_writeEachValueOnce() throws Exception {
        RecentStates<String> cache = writeBack(3);
        for (int i = 0; i < 1_000; i++) {
            cache.putDirty("k" + i, new byte[] {(byte) i});
        }
        cache.putDirty("k5", new byte[] {55}); // evicted long ago, dirty again
        assertEquals(998, written.size(), "evicted dirty entries are written as they go");
        assertEquals(3, cache.dirtyCount());

        cache.flush();
        assertEquals(1_001, written.size());
        assertEquals(List.of("k998=" + (byte) 998, "k999=" + (byte) 999, "k5=55"), written.subList(998, 1_001),
                "the flush writes the three dirty entries, in the order they became dirty");
        assertEquals(1_000, written.stream().map(w -> w.substring(0, w.indexOf('='))).distinct().count(),
                "1,000 keys written, k5 twice (evicted, then dirty again)");
        assertEquals(0, cache.dirtyCount());
        cache.flush();
        assertEquals(1_001, written.size(), "nothing dirty: nothing written again");
    }

    @Test
    void writeBack_aFlushThatFails_leavesTheEntriesNotWrittenDirty() throws Exception {
        List<String> flushed = new ArrayList<>();
        boolean[] failOnB = {true};
        RecentStates<String> cache = new RecentStates<>(4, (key, bytes) -> {
            if (key.equals("b") && failOnB[0]) {
                throw new IllegalStateException("backend unavailable");
            }
            flushed.add(key);
        });
        cache.putDirty("a", new byte[] {1});
        cache.putDirty("b", new byte[] {2});
        cache.putDirty("c", new byte[] {3});
        assertThrows(IllegalStateException.class, cache::flush);
        assertEquals(List.of("a"), flushed);
        assertEquals(2, cache.dirtyCount(), "b and c are still to be written");

        failOnB[0] = false;
        cache.flush();
        assertEquals(List.of("a", "b", "c"), flushed, "a is not written twice");
        assertEquals(0, cache.dirtyCount());
    }

    @Test
    void writeThrough_dropsTheEldestWithoutWritingAndRefusesDirtyEntries() {
        RecentStates<String> cache = new RecentStates<>(1);
        cache.put("a", new byte[] {1});
        cache.put("b", new byte[] {2});
        assertNull(cache.get("a"));
        assertEquals(1, cache.size());
        assertThrows(IllegalStateException.class, () -> cache.putDirty("c", new byte[] {3}));
        assertThrows(IllegalStateException.class, () -> writeBack(1).put("c", new byte[] {3}));
    }
}
