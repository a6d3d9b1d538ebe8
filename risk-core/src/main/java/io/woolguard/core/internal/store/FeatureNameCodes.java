package io.woolguard.core.internal.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Short codes for the feature names of stored decisions: a decision of the default pack names 28–44
 * features, the same few dozen names decision after decision, and writing them out was most of a
 * decision's encoding. Codes are assigned in order of first use and never change; the list is kept
 * in RocksDB ({@link Column#META}) and each new name is stored there before any decision uses its
 * code. At most {@link #MAX_CODES} names get a code (a pack that invents names without end has the
 * rest written in full). Thread-safe: reads are lock-free, assignments serialized.
 */
final class FeatureNameCodes implements ExplanationCodec.NameCodes {
    static final int MAX_CODES = 4_096;
    private static final byte[] KEY = "decision-feature-names".getBytes(StandardCharsets.UTF_8);

    private final RocksStore store;
    /** The codes as published, never changed after publication. */
    private volatile Snapshot snapshot;

    private record Snapshot(Map<String, Integer> codes, String[] names) {
    }

    FeatureNameCodes(RocksStore store) {
        this.store = store;
        byte[] stored = store.get(Column.META, KEY);
        List<String> loaded = stored == null ? List.of() : ExplanationCodec.decodeRuleList(stored);
        publish(loaded);
    }

    private void publish(List<String> list) {
        Map<String, Integer> byName = new HashMap<>(list.size() * 2);
        for (int i = 0; i < list.size(); i++) {
            byName.put(list.get(i), i);
        }
        snapshot = new Snapshot(byName, list.toArray(String[]::new));
    }

    @Override
    public int codeOf(String name) {
        Integer code = snapshot.codes().get(name);
        return code != null ? code : assign(name);
    }

    private synchronized int assign(String name) {
        Integer code = snapshot.codes().get(name);
        if (code != null) {
            return code;
        }
        String[] current = snapshot.names();
        if (current.length >= MAX_CODES) {
            return -1;
        }
        List<String> next = new ArrayList<>(List.of(current));
        next.add(name);
        store.put(Column.META, KEY, ExplanationCodec.encodeRuleList(next)); // stored before anyone can use the code
        publish(next);
        return current.length;
    }

    @Override
    public String nameOf(int code) {
        String[] current = snapshot.names();
        if (code < 0 || code >= current.length) {
            throw new IllegalStateException("stored decision refers to feature name code " + code
                    + ", and this data directory knows " + current.length + " codes");
        }
        return current[code];
    }

    /** How many names have a code. */
    int size() {
        return snapshot.names().length;
    }
}
