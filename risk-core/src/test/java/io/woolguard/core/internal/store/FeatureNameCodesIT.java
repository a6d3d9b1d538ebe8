package io.woolguard.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feature-name codes in a real RocksDB: stable across reopens, bounded. */
class FeatureNameCodesIT {
    @TempDir
    Path dir;

    @Test
    void codes_areAssignedInOrderOfFirstUse_andSurviveAReopen() {
        try (RocksStore store = RocksStore.open(dir)) {
            FeatureNameCodes codes = new FeatureNameCodes(store);
            assertEquals(0, codes.codeOf("device.accounts_24h"));
            assertEquals(1, codes.codeOf("ip.claims_1m"));
            assertEquals(0, codes.codeOf("device.accounts_24h"), "a name keeps its code");
        }
        try (RocksStore store = RocksStore.open(dir)) {
            FeatureNameCodes reopened = new FeatureNameCodes(store);
            assertEquals(2, reopened.size());
            assertEquals("device.accounts_24h", reopened.nameOf(0));
            assertEquals("ip.claims_1m", reopened.nameOf(1));
            assertEquals(2, reopened.codeOf("account.age_hours"), "new names continue after the stored ones");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> reopened.nameOf(7));
            assertTrue(e.getMessage().contains("feature name code 7, and this data directory knows 3 codes"), e.getMessage());
        }
    }

    @Test
    void pastTheLimit_namesGetNoCode_andAreWrittenInFull() {
        try (RocksStore store = RocksStore.open(dir)) {
            FeatureNameCodes codes = new FeatureNameCodes(store);
            for (int i = 0; i < FeatureNameCodes.MAX_CODES; i++) {
                assertEquals(i, codes.codeOf("generated.f" + i));
            }
            assertEquals(-1, codes.codeOf("generated.one_too_many"));
            assertEquals(FeatureNameCodes.MAX_CODES - 1, codes.codeOf("generated.f" + (FeatureNameCodes.MAX_CODES - 1)));
            assertEquals(FeatureNameCodes.MAX_CODES, codes.size());
        }
    }
}
