package io.woolguard.core.internal.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Key encodings: NUL-separated text parts, and big-endian longs so that keys sort by time. */
public final class Keys {
    private Keys() {
    }

    /** Parts joined by NUL, UTF-8. */
    public static byte[] of(String... parts) {
        return String.join("\0", parts).getBytes(StandardCharsets.UTF_8);
    }

    /** A key text back from bytes. */
    public static String text(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** A big-endian long followed by a text suffix. */
    public static byte[] timeKey(long millis, String suffix) {
        byte[] tail = suffix.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + tail.length).putLong(millis).put(tail).array();
    }

    /** The long at the start of a {@link #timeKey}. */
    public static long timeOf(byte[] key) {
        return ByteBuffer.wrap(key, 0, 8).getLong();
    }

    /** The text after the long of a {@link #timeKey}. */
    public static String suffixOf(byte[] key) {
        return new String(key, 8, key.length - 8, StandardCharsets.UTF_8);
    }

    /** A big-endian long. */
    public static byte[] ofLong(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    /** True when {@code key} starts with {@code prefix}. */
    public static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
