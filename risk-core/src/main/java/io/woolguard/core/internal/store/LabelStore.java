package io.woolguard.core.internal.store;

import io.woolguard.core.EntityType;
import io.woolguard.core.Label;
import io.woolguard.core.json.WoolguardJson;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.RocksIterator;

/**
 * Labels, persisted under {@code TYPE\0id\0} + labelledAt millis + a sequence number, so that all
 * labels of one entity are adjacent and in time order. Thread-safe.
 */
public final class LabelStore {
    private final RocksStore store;
    private final AtomicLong sequence = new AtomicLong(System.nanoTime());

    public LabelStore(RocksStore store) {
        this.store = store;
    }

    /** Stores a label durably. */
    public void store(Label label) {
        byte[] prefix = prefix(label.entityType(), label.entityId());
        byte[] key = ByteBuffer.allocate(prefix.length + 16).put(prefix)
                .putLong(label.labelledAt().toEpochMilli()).putLong(sequence.incrementAndGet()).array();
        store.put(Column.LABELS, key, WoolguardJson.writeLabel(label));
    }

    /** Every label of one entity (stored id), oldest first. */
    public List<Label> labels(EntityType type, String id) {
        byte[] prefix = prefix(type, id);
        List<Label> labels = new ArrayList<>();
        try (RocksIterator it = store.iterator(Column.LABELS)) {
            for (it.seek(prefix); it.isValid() && Keys.startsWith(it.key(), prefix); it.next()) {
                labels.add(WoolguardJson.readLabel(it.value()));
            }
        }
        return labels;
    }

    /** How many labels are stored (walks RocksDB; for start-up logging). */
    public long count() {
        return store.count(Column.LABELS);
    }

    private static byte[] prefix(EntityType type, String id) {
        return Keys.of(type.name(), id, "");
    }
}
