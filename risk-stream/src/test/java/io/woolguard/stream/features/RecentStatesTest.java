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
