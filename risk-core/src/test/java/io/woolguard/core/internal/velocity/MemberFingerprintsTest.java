package io.woolguard.core.internal.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemberFingerprintsTest {
    private static byte[] sequence(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    /** The reference vectors of the SipHash paper (key 00..0f, message 00..len-1), appendix A and vectors.h. */
    @Test
    void sipHash24_matchesTheReferenceVectors() {
        MemberFingerprints siphash = new MemberFingerprints(sequence(16));
        assertEquals(0xa129ca6149be45e5L, siphash.sipHash24(sequence(15)), "the paper's worked example");
        assertEquals(0x726fdb47dd0e0e31L, siphash.sipHash24(sequence(0)), "empty message");
        assertEquals(0x93f5f5799a932462L, siphash.sipHash24(sequence(8)), "one whole block");
        assertEquals(0x958a324ceb064572L, siphash.sipHash24(sequence(63)), "seven blocks and seven bytes");
    }

    @Test
    void fingerprints_dependOnTheKey_andDoNotCollideOnSimilarIds() {
        MemberFingerprints one = new MemberFingerprints();
        MemberFingerprints other = new MemberFingerprints();
        assertNotEquals(one.of("u-1"), other.of("u-1"), "two random keys (fails with probability 2^-64)");
        assertEquals(one.of("u-1"), one.of(new String("u-1")), "the same id, another String object");
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            seen.add(one.of("u-" + i));
        }
        assertEquals(200_000, seen.size());
    }
}
