package io.woolguard.core.internal.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Compact binary form of {@link StoredFeatures}: a version byte, a count, then per feature its
 * name (length-prefixed UTF-8), value (double) and event time (long).
 */
final class FeatureCodec {
    private static final byte VERSION = 1;

    private FeatureCodec() {
    }

    static byte[] encode(StoredFeatures features) {
        int size = 1 + 4;
        Map<byte[], StoredFeatures.Timed> named = new HashMap<>();
        for (Map.Entry<String, StoredFeatures.Timed> e : features.values().entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            named.put(name, e.getValue());
            size += 2 + name.length + 8 + 8;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).put(VERSION).putInt(named.size());
        named.forEach((name, timed) -> buffer.putShort((short) name.length).put(name)
                .putDouble(timed.value()).putLong(timed.eventTimeMillis()));
        return buffer.array();
    }

    static StoredFeatures decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte version = buffer.get();
        if (version != VERSION) {
            throw new IllegalStateException("unknown feature encoding version " + version
                    + "; this data directory was written by a newer Woolguard");
        }
        int count = buffer.getInt();
        Map<String, StoredFeatures.Timed> values = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            byte[] name = new byte[buffer.getShort() & 0xffff];
            buffer.get(name);
            values.put(new String(name, StandardCharsets.UTF_8),
                    new StoredFeatures.Timed(buffer.getDouble(), buffer.getLong()));
        }
        return new StoredFeatures(values);
    }
}
