package io.woolguard.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.FeatureNames;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredFeaturesTest {
    static final long T = 1_800_000_000_000L;

    static Map<String, Double> asOf(StoredFeatures features, long time) {
        Map<String, Double> values = new HashMap<>();
        features.putValuesAsOf(time, values);
        return values;
    }

    @Test
    void merge_takesSameOrNewerPerFeature_keepsNewerStored_addsNewNames() {
        StoredFeatures first = StoredFeatures.empty()
                .merge(Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 12.0, FeatureNames.DEVICE_CLAIMS_1H, 3.0), T + 2_000);

        StoredFeatures second = first.merge(Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 4.0, FeatureNames.DEVICE_IPS_24H, 2.0), T + 1_000);
        StoredFeatures third = second.merge(Map.of(FeatureNames.DEVICE_CLAIMS_1H, 5.0), T + 2_000);

        assertEquals(Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 12.0, FeatureNames.DEVICE_CLAIMS_1H, 5.0,
                FeatureNames.DEVICE_IPS_24H, 2.0), asOf(third, T + 2_000));
        assertEquals(3, third.size());
        assertEquals(Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 12.0, FeatureNames.DEVICE_CLAIMS_1H, 3.0), asOf(first, T + 2_000),
                "merging never changes the instance merged into");
    }

    @Test
    void merge_ofOnlyOlderValues_returnsTheSameInstance() {
        StoredFeatures stored = StoredFeatures.empty().merge(Map.of(FeatureNames.IP_CLAIMS_1H, 9.0), T);

        assertSame(stored, stored.merge(Map.of(FeatureNames.IP_CLAIMS_1H, 1.0), T - 1), "nothing taken: nothing to write");
        assertSame(StoredFeatures.empty(), StoredFeatures.empty().merge(Map.of(), T));
    }

    @Test
    void putValuesAsOf_windowedCountAWholeWindowOld_readsZero_othersKeepTheirValue() {
        StoredFeatures stored = StoredFeatures.empty()
                .merge(Map.of(FeatureNames.IP_CLAIMS_1M, 40.0, FeatureNames.ACCOUNT_FIRST_SEEN, 7.0), T);

        assertEquals(40.0, asOf(stored, T + 59_999).get(FeatureNames.IP_CLAIMS_1M));
        assertEquals(0.0, asOf(stored, T + 60_000).get(FeatureNames.IP_CLAIMS_1M), "the 1-minute window slid past its last event");
        assertEquals(7.0, asOf(stored, T + 86_400_000L).get(FeatureNames.ACCOUNT_FIRST_SEEN), "not a window: kept");
    }

    @Test
    void codec_roundTripsEveryFeatureWithItsTime_andRejectsCorruptCounts() {
        StoredFeatures stored = StoredFeatures.empty()
                .merge(Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 12.0, "custom.feature_ünicode", -1.5), T)
                .merge(Map.of(FeatureNames.DEVICE_CLAIMS_1H, 3.0), T + 5);

        StoredFeatures decoded = FeatureCodec.decode(FeatureCodec.encode(stored));

        assertEquals(asOf(stored, T + 5), asOf(decoded, T + 5));
        assertEquals(3, decoded.size());
        for (int i = 0; i < decoded.size(); i++) {
            long expected = decoded.name(i).equals(FeatureNames.DEVICE_CLAIMS_1H) ? T + 5 : T;
            assertEquals(expected, decoded.eventTimeMillis(i), decoded.name(i));
        }
        byte[] corrupt = FeatureCodec.encode(stored);
        corrupt[4] = 120; // the count's low byte: more entries than bytes
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FeatureCodec.decode(corrupt));
        assertTrue(e.getMessage().contains("corrupt stored features"), e.getMessage());
    }
}
