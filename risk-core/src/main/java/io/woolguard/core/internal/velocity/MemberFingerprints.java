package io.woolguard.core.internal.velocity;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * 64-bit fingerprints of the members a {@link DistinctWindow} counts (account ids), keyed with a secret
 * drawn at start-up: SipHash-2-4 (Aumasson and Bernstein), a keyed pseudo-random function made for
 * hash tables fed by people who want collisions. Two accounts collide with probability 2<sup>-64</sup>
 * and nobody who does not know the key can make them collide, so a farm cannot make its accounts count
 * as one. Fingerprints are only compared within this process (the counters are not persisted), so the
 * key never leaves memory. Thread-safe.
 */
final class MemberFingerprints {
    private final long k0;
    private final long k1;

    /** A random key from {@link SecureRandom}. */
    MemberFingerprints() {
        this(randomKey());
    }

    /** @param key 16 bytes */
    MemberFingerprints(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("a SipHash key is 16 bytes, got " + key.length);
        }
        this.k0 = littleEndian(key, 0, 8);
        this.k1 = littleEndian(key, 8, 8);
    }

    /** The fingerprint of a member id (its UTF-8 bytes). */
    long of(String member) {
        return sipHash24(member.getBytes(StandardCharsets.UTF_8));
    }

    long sipHash24(byte[] message) {
        SipState state = new SipState(k0, k1);
        int whole = message.length & ~7;
        for (int i = 0; i < whole; i += 8) {
            state.compress(littleEndian(message, i, 8));
        }
        state.compress(((long) message.length << 56) | littleEndian(message, whole, message.length - whole));
        return state.finish();
    }

    /** SipHash's four words of state; one per call (escape analysis keeps it in registers). */
    private static final class SipState {
        private long v0;
        private long v1;
        private long v2;
        private long v3;

        SipState(long k0, long k1) {
            v0 = k0 ^ 0x736f6d6570736575L;
            v1 = k1 ^ 0x646f72616e646f6dL;
            v2 = k0 ^ 0x6c7967656e657261L;
            v3 = k1 ^ 0x7465646279746573L;
        }

        /** Absorbs one 8-byte word with two rounds ("2" of SipHash-2-4). */
        void compress(long m) {
            v3 ^= m;
            round();
            round();
            v0 ^= m;
        }

        /** Four finalization rounds ("4" of SipHash-2-4). */
        long finish() {
            v2 ^= 0xff;
            for (int r = 0; r < 4; r++) {
                round();
            }
            return v0 ^ v1 ^ v2 ^ v3;
        }

        private void round() {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
    }

    private static long littleEndian(byte[] bytes, int from, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[from + i] & 0xffL);
        }
        return value;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
