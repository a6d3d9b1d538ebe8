package io.woolguard.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureNames;
import io.woolguard.core.FeatureUpdate;
import io.woolguard.core.internal.store.FeatureStore.EntityKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deferred applies: read at once, written to RocksDB once per entity at the next flush. */
class FeatureStoreDeferredWritesTest {
    private static final long T = 1_800_000_000_000L;
    private static final String ACCOUNTS = FeatureNames.DEVICE_ACCOUNTS_24H;
    private static final String CLAIMS = FeatureNames.DEVICE_CLAIMS_24H;

    @TempDir
    Path dir;
    RocksStore rocks;

    @BeforeEach
    void open() {
        rocks = RocksStore.open(dir);
    }

    @AfterEach
    void close() {
        rocks.close();
    }

    private static FeatureUpdate device(String id, String feature, double value, long time) {
        return new FeatureUpdate(EntityType.DEVICE, id, Map.of(feature, value), time);
    }

    /** What RocksDB itself holds for a device, bypassing the cache and the held entities. */
    private Map<String, Double> onDisk(String id) {
        byte[] bytes = rocks.get(Column.FEATURES, new EntityKey(EntityType.DEVICE, id).bytes());
        return bytes == null ? null : values(FeatureCodec.decode(bytes));
    }

    private static Map<String, Double> values(StoredFeatures features) {
        Map<String, Double> values = new HashMap<>();
        features.putValuesAsOf(T, values);
        return values;
    }

    @Test
    void deferredApply_isReadAtOnce_andReachesRocksDbAtTheFlush_oncePerEntity() {
        FeatureStore store = new FeatureStore(rocks, 1_000);
        List<String> heard = new ArrayList<>();
        FeatureStore.ChangeListener listener = (key, features) -> heard.add(key.id());

        assertEquals(1, store.apply(List.of(device("d-1", ACCOUNTS, 3, T)), listener, true));
        assertEquals(1, store.apply(List.of(device("d-1", CLAIMS, 9, T + 1)), listener, true));
        assertEquals(1, store.apply(List.of(device("d-2", ACCOUNTS, 1, T)), listener, true));

        assertEquals(Map.of(ACCOUNTS, 3.0, CLAIMS, 9.0), values(store.read(EntityType.DEVICE, "d-1")));
        assertEquals(List.of("d-1", "d-1", "d-2"), heard, "the listener hears of deferred changes as they are applied");
        assertNull(onDisk("d-1"), "nothing written before the flush");
        assertEquals(2, store.unwrittenCount());

        assertEquals(2, store.flush(), "two entities written, d-1 once for its two applies");
        assertEquals(Map.of(ACCOUNTS, 3.0, CLAIMS, 9.0), onDisk("d-1"));
        assertEquals(Map.of(ACCOUNTS, 1.0), onDisk("d-2"));
        assertEquals(0, store.unwrittenCount());
        assertEquals(0, store.flush(), "a second flush has nothing to write");
    }

    @Test
    void heldEntity_evictedFromTheCache_isReadFromWhatIsHeld_notFromRocksDb() {
        FeatureStore store = new FeatureStore(rocks, 1);
        store.apply(List.of(device("d-1", ACCOUNTS, 2, T)), FeatureStore.ChangeListener.NONE, false);
        store.apply(List.of(device("d-1", ACCOUNTS, 5, T + 1)), FeatureStore.ChangeListener.NONE, true);
        for (int i = 0; i < 200; i++) { // push d-1 out of the one-entry cache
            store.apply(List.of(device("other-" + i, ACCOUNTS, 1, T)), FeatureStore.ChangeListener.NONE, false);
        }

        assertEquals(Map.of(ACCOUNTS, 2.0), onDisk("d-1"), "RocksDB still holds the older value");
        assertEquals(Map.of(ACCOUNTS, 5.0), values(store.read(EntityType.DEVICE, "d-1")), "a reader gets the held one");
        store.apply(List.of(device("d-1", CLAIMS, 4, T + 2)), FeatureStore.ChangeListener.NONE, true);
        store.flush();
        assertEquals(Map.of(ACCOUNTS, 5.0, CLAIMS, 4.0), onDisk("d-1"), "the next merge started from the held value");
    }

    @Test
    void writtenApply_ofAHeldEntity_replacesWhatIsHeld() {
        FeatureStore store = new FeatureStore(rocks, 1);
        store.apply(List.of(device("d-1", ACCOUNTS, 5, T)), FeatureStore.ChangeListener.NONE, true);
        store.apply(List.of(device("d-1", ACCOUNTS, 8, T + 1)), FeatureStore.ChangeListener.NONE, false);

        assertEquals(Map.of(ACCOUNTS, 8.0), onDisk("d-1"));
        assertEquals(0, store.unwrittenCount(), "nothing older is left held to be read or written later");
        store.apply(List.of(device("d-2", ACCOUNTS, 1, T)), FeatureStore.ChangeListener.NONE, false); // evicts d-1
        assertEquals(Map.of(ACCOUNTS, 8.0), values(store.read(EntityType.DEVICE, "d-1")));
    }

    @Test
    void deferredApplies_holdAtMostTheBound_thenWriteEverythingHeld() {
        FeatureStore store = new FeatureStore(rocks, 1_000, 10);
        for (int i = 0; i < 10; i++) {
            store.apply(List.of(device("d-" + i, ACCOUNTS, i, T)), FeatureStore.ChangeListener.NONE, true);
        }
        assertEquals(10, store.unwrittenCount(), "up to the bound, held");
        assertNull(onDisk("d-0"));

        store.apply(List.of(device("d-10", ACCOUNTS, 10, T)), FeatureStore.ChangeListener.NONE, true);

        assertEquals(0, store.unwrittenCount(), "past the bound, everything held is written");
        for (int i = 0; i <= 10; i++) {
            assertEquals(Map.of(ACCOUNTS, (double) i), onDisk("d-" + i), "d-" + i);
        }
    }

    @Test
    void olderDeferredUpdate_neverOverwritesANewerValue() {
        FeatureStore store = new FeatureStore(rocks, 1_000);
        store.apply(List.of(device("d-1", ACCOUNTS, 12, T + 2_000)), FeatureStore.ChangeListener.NONE, true);

        assertEquals(0, store.apply(List.of(device("d-1", ACCOUNTS, 4, T + 1_000)), FeatureStore.ChangeListener.NONE, true),
                "a late update changes nothing");
        store.flush();

        assertNotNull(onDisk("d-1"));
        assertEquals(Map.of(ACCOUNTS, 12.0), onDisk("d-1"));
    }
}
