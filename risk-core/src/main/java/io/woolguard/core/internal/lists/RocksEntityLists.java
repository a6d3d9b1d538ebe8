package io.woolguard.core.internal.lists;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.woolguard.core.EntityLists;
import io.woolguard.core.EntityType;
import io.woolguard.core.ListEntry;
import io.woolguard.core.ListType;
import io.woolguard.core.PersonalData;
import io.woolguard.core.PersonalDataHasher;
import io.woolguard.core.PersonalDataKind;
import io.woolguard.core.internal.store.Column;
import io.woolguard.core.internal.store.Keys;
import io.woolguard.core.internal.store.RocksStore;
import io.woolguard.core.json.WoolguardJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EntityLists} in RocksDB (column family {@code lists}, key {@code LIST\0TYPE\0value}, value
 * JSON) with a bounded cache of lookups (including misses) in front, invalidated on every change.
 * Expiry is judged on the engine's clock: an expired entry is invisible at once and deleted by
 * {@link #sweepExpired()}. Personal-data values given raw are hashed before anything is stored;
 * a value that already is a keyed hash (64 lower-case hex digits) is taken as it is.
 *
 * <p>Page cursors are {@code TYPE:value} of the last entry returned. Thread-safe.
 */
public final class RocksEntityLists implements EntityLists {
    private static final Logger LOG = LoggerFactory.getLogger(RocksEntityLists.class);
    private static final int MAX_PAGE = 1_000;

    private final RocksStore store;
    private final Clock clock;
    private final PersonalDataHasher hasher;
    private final Cache<Key, Optional<ListEntry>> cache;
    /**
     * Stored entries per list and entity type, so that the decide path skips lookups of types a list
     * has no entries for (most lists hold a few types). Changed only under {@code this}.
     */
    private final Map<ListType, AtomicLongArray> counts = new EnumMap<>(ListType.class);

    /** {@code equals} and {@code hashCode} written out: a record's generated ones go through method handles (slow on the hot path). */
    private record Key(ListType list, EntityType type, String value) {
        byte[] bytes() {
            return Keys.of(list.name(), type.name(), value);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && list == key.list && type == key.type && Objects.equals(value, key.value);
        }

        @Override
        public int hashCode() {
            return (31 * Objects.hashCode(list) + Objects.hashCode(type)) * 31 + Objects.hashCode(value);
        }
    }

    public RocksEntityLists(RocksStore store, Clock clock, PersonalDataHasher hasher, long cacheSize) {
        this.store = store;
        this.clock = clock;
        this.hasher = hasher;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
        for (ListType list : ListType.values()) {
            counts.put(list, new AtomicLongArray(EntityType.values().length));
        }
        try (RocksIterator it = store.iterator(Column.LISTS)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                ListEntry entry = WoolguardJson.readListEntry(it.value());
                counts.get(entry.list()).incrementAndGet(entry.entityType().ordinal());
            }
        }
    }

    /** The id entries of this type are kept under: the keyed hash for personal data. */
    public String storedId(EntityType type, String value) {
        Objects.requireNonNull(type, "entityType");
        Objects.requireNonNull(value, "value");
        if (type.isPersonalData() && !PersonalData.isHashForm(value)) {
            return hasher.hash(PersonalDataKind.of(type), value);
        }
        return value;
    }

    @Override
    public ListEntry put(ListType list, EntityType type, String value, Duration ttl, String reason, String actor) {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(type, "entityType");
        Objects.requireNonNull(value, "value");
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("ttl must be positive, or null for an entry that never expires");
        }
        Instant now = clock.instant();
        ListEntry entry = new ListEntry(list, type, storedId(type, value), reason, actor, now,
                ttl == null ? null : now.plus(ttl));
        Key key = new Key(list, type, entry.value());
        synchronized (this) {
            boolean isNew = store.get(Column.LISTS, key.bytes()) == null;
            store.put(Column.LISTS, key.bytes(), WoolguardJson.writeListEntry(entry));
            if (isNew) {
                counts.get(list).incrementAndGet(type.ordinal());
            }
        }
        cache.invalidate(key);
        LOG.info("{} listed {} {} on {}{}", actor, type, entry.value(), list,
                ttl == null ? "" : " until " + entry.expiresAt());
        return entry;
    }

    @Override
    public boolean remove(ListType list, EntityType type, String value, String actor) {
        Key key = new Key(list, type, storedId(type, value));
        boolean existed;
        synchronized (this) {
            existed = load(key).isPresent();
            store.delete(Column.LISTS, key.bytes());
            if (existed) {
                counts.get(list).decrementAndGet(type.ordinal());
            }
        }
        cache.invalidate(key);
        if (existed) {
            LOG.info("{} removed {} {} from {}", actor, type, key.value(), list);
        }
        return existed;
    }

    @Override
    public Optional<ListEntry> find(ListType list, EntityType type, String value) {
        return findStored(list, type, storedId(type, value));
    }

    /** Like {@link #find} for an id that already is in stored form (as {@code RiskEvent.entities()} gives). */
    public Optional<ListEntry> findStored(ListType list, EntityType type, String storedId) {
        if (counts.get(list).get(type.ordinal()) == 0) {
            return Optional.empty();
        }
        Optional<ListEntry> entry = cache.get(new Key(list, type, storedId), this::load);
        if (entry.isPresent() && entry.get().isExpired(clock.instant())) {
            return Optional.empty();
        }
        return entry;
    }

    private Optional<ListEntry> load(Key key) {
        byte[] bytes = store.get(Column.LISTS, key.bytes());
        return bytes == null ? Optional.empty() : Optional.of(WoolguardJson.readListEntry(bytes));
    }

    @Override
    public ListPage page(ListType list, String after, int limit) {
        Objects.requireNonNull(list, "list");
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_PAGE + ", got " + limit);
        }
        byte[] prefix = Keys.of(list.name(), "");
        byte[] start = prefix;
        if (after != null) {
            int colon = after.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("cursor must be 'TYPE:value' as returned in nextCursor, got '" + after + "'");
            }
            start = Keys.of(list.name(), after.substring(0, colon), after.substring(colon + 1));
        }
        Instant now = clock.instant();
        List<ListEntry> entries = new ArrayList<>(limit);
        boolean more = false;
        try (RocksIterator it = store.iterator(Column.LISTS)) {
            for (it.seek(start); it.isValid() && Keys.startsWith(it.key(), prefix); it.next()) {
                if (after != null && java.util.Arrays.equals(it.key(), start)) {
                    continue;
                }
                ListEntry entry = WoolguardJson.readListEntry(it.value());
                if (entry.isExpired(now)) {
                    continue;
                }
                if (entries.size() == limit) {
                    more = true;
                    break;
                }
                entries.add(entry);
            }
        }
        String next = null;
        if (more) {
            ListEntry last = entries.get(entries.size() - 1);
            next = last.entityType().name() + ":" + last.value();
        }
        return new ListPage(entries, next);
    }

    /** Deletes every expired entry; returns how many. */
    public synchronized int sweepExpired() {
        Instant now = clock.instant();
        RocksStore.Batch batch = store.batch();
        List<Key> expired = new ArrayList<>();
        try (RocksIterator it = store.iterator(Column.LISTS)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                ListEntry entry = WoolguardJson.readListEntry(it.value());
                if (entry.isExpired(now)) {
                    batch.delete(Column.LISTS, it.key());
                    expired.add(new Key(entry.list(), entry.entityType(), entry.value()));
                }
            }
        }
        store.write(batch);
        for (Key key : expired) {
            counts.get(key.list()).decrementAndGet(key.type().ordinal());
        }
        cache.invalidateAll(expired);
        if (!expired.isEmpty()) {
            LOG.info("removed {} expired list entries", expired.size());
        }
        return expired.size();
    }

    /** How many entries are stored, expired or not (walks RocksDB; for start-up logging). */
    public long size() {
        return store.count(Column.LISTS);
    }
}
