package io.woolguard.stream.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.EntityType;
import io.woolguard.stream.FeatureJobConfig;
import java.util.HashMap;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EntityStateTest {
    private static final long T0 = 1_700_000_000_000L;
    /**
     * The encoding of {@link #sample} by the format-2 code as first written (on java.io data
     * streams): state in RocksDB and in checkpoints is in this format, so the codec may get faster
     * but must not change a byte.
     */
    private static final String FORMAT_2_SAMPLE = "020000018bcfe568000000018bcfe568000000018bcfe564180000018bcfe5660c40290000000000000000018bd01c5680010002"
            + "0000000001b0551400000000000000020000000001b05515000000000000000300000000000000000000000000000000000000004014"
            + "0000000000007ff80000000000007ff80000000000007ff80000000000007ff80000000000007ff80000000000007ff80000000000"
            + "00000003001161752dc3a9e697a5e69caceda0bdedb8800000018bcfe567fb000461752d310000018bcfe568000001690000018bcfe567f9";

    private static final EntityFeatures DEVICE = new EntityFeatures(EntityType.DEVICE, FeatureJobConfig.defaults());

    private static EntityState sample() {
        EntityState s = DEVICE.emptyState();
        s.clock = T0;
        s.lastActivity = T0;
        s.firstSeen = T0 - 1_000;
        s.firstClaim = T0 - 500;
        s.registrationToFirstClaimMinutes = 12.5;
        s.timerAt = T0 + 3_600_000;
        s.dirty = true;
        s.counts[0].add(T0 - 60_000, 2, T0);
        s.counts[0].add(T0, 3, T0);
        s.emitted[0] = 5.0;
        s.inlineMembers = new HashMap<>();
        s.inlineMembers.put("au-1", T0);
        s.inlineMembers.put("au-é日本\uD83D\uDE00", T0 - 5);
        s.inlineMembers.put("i", T0 - 7);
        return s;
    }

    @Test
    void encode_writesTheStoredFormatByteForByte() {
        assertEquals(FORMAT_2_SAMPLE, HexFormat.of().formatHex(sample().encode()));
    }

    @Test
    void decode_readsBackWhatEncodeWrote() {
        EntityState s = sample();
        byte[] bytes = s.encode();
        EntityState back = DEVICE.decode(bytes);
        assertEquals(s.inlineMembers, back.inlineMembers, "non-ASCII members survive");
        assertEquals(5, back.counts[0].count(T0), "the counter's buckets");
        assertTrue(back.dirty);
        assertEquals(12.5, back.registrationToFirstClaimMinutes);
        assertEquals(s.inlineMembers, DEVICE.decode(back.encode()).inlineMembers, "and again");
    }
}
