package io.woolguard.core.internal.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Compact binary form of {@link StoredFeatures}: a version byte, a count, then per feature its
 * name (length-prefixed UTF-8), value (double) and event time (long).
 */
final class FeatureCodec {
    private static final byte VERSION = 1;

    private FeatureCodec() {
    }

    static byte[] encode(StoredFeatures features) {
        int count = features.size();
        byte[][] names = new byte[count][];
        int size = 1 + 4;
        for (int i = 0; i < count; i++) {
            names[i] = features.name(i).getBytes(StandardCharsets.UTF_8);
            size += 2 + names[i].length + 8 + 8;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).put(VERSION).putInt(count);
        for (int i = 0; i < count; i++) {
            buffer.putShort((short) names[i].length).put(names[i])
                    .putDouble(features.value(i)).putLong(features.eventTimeMillis(i));
        }
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
        if (count < 0 || count > buffer.remaining() / (2 + 8 + 8)) {
            throw new IllegalStateException("corrupt stored features: " + count + " entries in " + bytes.length + " bytes");
        }
        StoredFeatures.Feature[] features = new StoredFeatures.Feature[count];
        double[] values = new double[count];
        long[] eventTimes = new long[count];
        for (int i = 0; i < count; i++) {
            byte[] name = new byte[buffer.getShort() & 0xffff];
            buffer.get(name);
            features[i] = StoredFeatures.feature(new String(name, StandardCharsets.UTF_8));
            values[i] = buffer.getDouble();
            eventTimes[i] = buffer.getLong();
        }
        return StoredFeatures.of(features, values, eventTimes);
    }
}
