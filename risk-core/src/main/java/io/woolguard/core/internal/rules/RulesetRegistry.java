package io.woolguard.core.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.woolguard.core.RulePack;
import io.woolguard.core.RulesetAuditEntry;
import io.woolguard.core.RulesetInfo;
import io.woolguard.core.RulesetState;
import io.woolguard.core.Rulesets;
import io.woolguard.core.internal.store.Column;
import io.woolguard.core.internal.store.Keys;
import io.woolguard.core.internal.store.RocksStore;
import io.woolguard.core.json.WoolguardJson;
import io.woolguard.core.spi.CompiledRules;
import io.woolguard.core.spi.RulePackCompiler;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Rulesets} persisted in RocksDB: packs, infos, the content-hash index, which version is
 * active or shadow, the activation history for rollback, and the audit log. Changes are serialized
 * and persisted in one batch before the in-memory {@link RulesetSnapshot} is swapped; decisions read
 * the snapshot with one volatile read and take no lock.
 */
public final class RulesetRegistry implements Rulesets {
    private static final Logger LOG = LoggerFactory.getLogger(RulesetRegistry.class);
    private static final byte[] ACTIVE = Keys.of("active");
    private static final byte[] SHADOW = Keys.of("shadow");
    private static final byte[] HISTORY = Keys.of("history");
    private static final int MAX_HISTORY = 100;

    private final RocksStore store;
    private final RulePackCompiler compiler;
    private final Clock clock;
    private final AtomicReference<RulesetSnapshot> snapshot = new AtomicReference<>(RulesetSnapshot.EMPTY);
    private final Map<String, CompiledRules> compiled = new ConcurrentHashMap<>();
    private final Object changes = new Object();
    private final Deque<String> history = new ArrayDeque<>();
    private long nextAuditSequence;
    private String lastUploaded;

    /**
     * Opens the registry and recompiles the persisted active and shadow versions.
     *
     * @throws IllegalStateException if a persisted active or shadow pack no longer compiles
     */
    public RulesetRegistry(RocksStore store, RulePackCompiler compiler, Clock clock) {
        this.store = store;
        this.compiler = compiler;
        this.clock = clock;
        this.nextAuditSequence = lastAuditSequence() + 1;
        byte[] historyBytes = store.get(Column.META, HISTORY);
        if (historyBytes != null) {
            readJson(historyBytes).forEach(v -> history.addLast(v.textValue()));
        }
        String active = text(store.get(Column.META, ACTIVE));
        String shadow = text(store.get(Column.META, SHADOW));
        snapshot.set(new RulesetSnapshot(load(active), load(shadow)));
    }

    /** The snapshot that decides right now; read it once per decision. */
    public RulesetSnapshot snapshot() {
        return snapshot.get();
    }

    /**
     * A stored version ready to evaluate outside the decision path (a backtest), compiled if it is
     * not in memory.
     *
     * @throws NoSuchElementException if there is no such version
     */
    public LoadedRuleset loaded(String version) {
        return load(Objects.requireNonNull(version, "version"));
    }

    private LoadedRuleset load(String version) {
        if (version == null) {
            return null;
        }
        return LoadedRuleset.of(version, compiledOrThrow(version));
    }

    private CompiledRules compiledOrThrow(String version) {
        return compiled.computeIfAbsent(version, v -> {
            RulePack pack = pack(v).orElseThrow(() -> new NoSuchElementException("no ruleset version " + v));
            try {
                return compiler.compile(pack);
            } catch (RuntimeException e) {
                throw new IllegalStateException("stored ruleset " + v + " no longer compiles with this rule compiler: "
                        + e.getMessage(), e);
            }
        });
    }

    @Override
    public RulesetInfo upload(RulePack pack, String actor) {
        Objects.requireNonNull(pack, "pack");
        String hash = pack.contentHash();
        synchronized (changes) {
            String existing = text(store.get(Column.RULESETS, Keys.of("hash", hash)));
            if (existing != null) {
                LOG.info("{} uploaded pack '{}' again: it is version {}", actor, pack.name(), existing);
                return find(existing).orElseThrow();
            }
            CompiledRules rules = compiler.compile(pack); // throws RulePackRejectedException with located errors
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            String version = DateTimeFormatter.ISO_INSTANT.format(now) + "-" + hash.substring(0, 6);
            RulesetInfo info = new RulesetInfo(version, pack.name(), RulesetState.INACTIVE, now, actor,
                    LoadedRuleset.of(version, rules).ruleIds(), List.copyOf(pack.files().keySet()));
            RocksStore.Batch batch = store.batch()
                    .put(Column.RULESETS, Keys.of("info", version), WoolguardJson.writeRulesetInfo(info))
                    .put(Column.RULESETS, Keys.of("pack", version), writePack(pack))
                    .put(Column.RULESETS, Keys.of("hash", hash), Keys.of(version));
            audit(batch, actor, "UPLOAD", version);
            store.write(batch);
            compiled.put(version, rules);
            lastUploaded = version;
            trimCompiled();
            LOG.info("{} uploaded pack '{}' as version {} ({} rules)", actor, pack.name(), version, info.ruleIds().size());
            return info;
        }
    }

    @Override
    public RulesetInfo activate(String version, String actor) {
        synchronized (changes) {
            requireStored(version);
            RulesetSnapshot current = snapshot.get();
            if (current.active() != null && current.active().version().equals(version)) {
                return find(version).orElseThrow();
            }
            LoadedRuleset next = load(version);
            if (current.active() != null) {
                history.addLast(current.active().version());
                while (history.size() > MAX_HISTORY) {
                    history.removeFirst();
                }
            }
            LoadedRuleset shadow = current.shadow() != null && current.shadow().version().equals(version)
                    ? null : current.shadow();
            persistAndSwap(new RulesetSnapshot(next, shadow), actor, "ACTIVATE", version);
            return find(version).orElseThrow();
        }
    }

    @Override
    public RulesetInfo shadow(String version, String actor) {
        synchronized (changes) {
            requireStored(version);
            RulesetSnapshot current = snapshot.get();
            if (current.active() != null && current.active().version().equals(version)) {
                throw new IllegalStateException("version " + version + " is active; shadow a different version to compare it");
            }
            persistAndSwap(new RulesetSnapshot(current.active(), load(version)), actor, "SHADOW", version);
            return find(version).orElseThrow();
        }
    }

    @Override
    public void clearShadow(String actor) {
        synchronized (changes) {
            RulesetSnapshot current = snapshot.get();
            if (current.shadow() == null) {
                return;
            }
            persistAndSwap(new RulesetSnapshot(current.active(), null), actor, "CLEAR_SHADOW", null);
        }
    }

    @Override
    public RulesetInfo rollback(String actor) {
        synchronized (changes) {
            if (history.isEmpty()) {
                throw new IllegalStateException("there is no earlier active version to roll back to");
            }
            String previous = history.peekLast();
            LoadedRuleset next = load(previous);
            history.removeLast();
            RulesetSnapshot current = snapshot.get();
            LoadedRuleset shadow = current.shadow() != null && current.shadow().version().equals(previous)
                    ? null : current.shadow();
            persistAndSwap(new RulesetSnapshot(next, shadow), actor, "ROLLBACK", previous);
            return find(previous).orElseThrow();
        }
    }

    private void persistAndSwap(RulesetSnapshot next, String actor, String action, String version) {
        RocksStore.Batch batch = store.batch();
        if (next.active() == null) {
            batch.delete(Column.META, ACTIVE);
        } else {
            batch.put(Column.META, ACTIVE, Keys.of(next.active().version()));
        }
        if (next.shadow() == null) {
            batch.delete(Column.META, SHADOW);
        } else {
            batch.put(Column.META, SHADOW, Keys.of(next.shadow().version()));
        }
        ArrayNode historyNode = WoolguardJson.mapper().createArrayNode();
        history.forEach(historyNode::add);
        batch.put(Column.META, HISTORY, WoolguardJson.bytes(historyNode));
        audit(batch, actor, action, version);
        store.write(batch);
        snapshot.set(next);
        trimCompiled();
        LOG.info("{}: {} {} (active {}, shadow {})", actor, action, version == null ? "" : version,
                next.active() == null ? "none" : next.active().version(),
                next.shadow() == null ? "none" : next.shadow().version());
    }

    /**
     * Keeps compiled only what may be needed soon (active, shadow, the rollback target, the latest
     * upload): a compiled pack can be large, and any other version is recompiled from its stored pack.
     */
    private void trimCompiled() {
        RulesetSnapshot current = snapshot.get();
        java.util.Set<String> keep = new java.util.HashSet<>();
        if (current.active() != null) {
            keep.add(current.active().version());
        }
        if (current.shadow() != null) {
            keep.add(current.shadow().version());
        }
        if (!history.isEmpty()) {
            keep.add(history.peekLast());
        }
        if (lastUploaded != null) {
            keep.add(lastUploaded);
        }
        compiled.keySet().retainAll(keep);
    }

    private void requireStored(String version) {
        Objects.requireNonNull(version, "version");
        if (store.get(Column.RULESETS, Keys.of("info", version)) == null) {
            throw new NoSuchElementException("no ruleset version " + version + "; list the versions to find its id");
        }
    }

    @Override
    public Optional<RulesetInfo> active() {
        LoadedRuleset active = snapshot.get().active();
        return active == null ? Optional.empty() : find(active.version());
    }

    @Override
    public Optional<RulesetInfo> shadowVersion() {
        LoadedRuleset shadow = snapshot.get().shadow();
        return shadow == null ? Optional.empty() : find(shadow.version());
    }

    @Override
    public List<RulesetInfo> list() {
        List<RulesetInfo> all = new ArrayList<>();
        RulesetSnapshot current = snapshot.get();
        byte[] prefix = Keys.of("info", "");
        try (RocksIterator it = store.iterator(Column.RULESETS)) {
            for (it.seek(prefix); it.isValid() && Keys.startsWith(it.key(), prefix); it.next()) {
                all.add(withState(WoolguardJson.readRulesetInfo(it.value()), current));
            }
        }
        all.sort(Comparator.comparing(RulesetInfo::uploadedAt).thenComparing(RulesetInfo::version).reversed());
        return all;
    }

    @Override
    public Optional<RulesetInfo> find(String version) {
        byte[] bytes = store.get(Column.RULESETS, Keys.of("info", version));
        return bytes == null ? Optional.empty()
                : Optional.of(withState(WoolguardJson.readRulesetInfo(bytes), snapshot.get()));
    }

    private static RulesetInfo withState(RulesetInfo info, RulesetSnapshot current) {
        RulesetState state = RulesetState.INACTIVE;
        if (current.active() != null && current.active().version().equals(info.version())) {
            state = RulesetState.ACTIVE;
        } else if (current.shadow() != null && current.shadow().version().equals(info.version())) {
            state = RulesetState.SHADOW;
        }
        return new RulesetInfo(info.version(), info.name(), state, info.uploadedAt(), info.uploadedBy(),
                info.ruleIds(), info.files());
    }

    @Override
    public Optional<RulePack> pack(String version) {
        byte[] bytes = store.get(Column.RULESETS, Keys.of("pack", version));
        return bytes == null ? Optional.empty() : Optional.of(readPack(bytes));
    }

    @Override
    public List<RulesetAuditEntry> audit() {
        List<RulesetAuditEntry> entries = new ArrayList<>();
        try (RocksIterator it = store.iterator(Column.AUDIT)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                JsonNode node = readJson(it.value());
                entries.add(new RulesetAuditEntry(Instant.parse(node.get("at").textValue()),
                        node.path("actor").textValue(), node.get("action").textValue(), node.path("version").textValue()));
            }
        }
        return entries;
    }

    private void audit(RocksStore.Batch batch, String actor, String action, String version) {
        ObjectNode node = WoolguardJson.mapper().createObjectNode();
        node.put("at", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
        node.put("actor", actor);
        node.put("action", action);
        if (version != null) {
            node.put("version", version);
        }
        batch.put(Column.AUDIT, Keys.ofLong(nextAuditSequence++), WoolguardJson.bytes(node));
    }

    private long lastAuditSequence() {
        try (RocksIterator it = store.iterator(Column.AUDIT)) {
            it.seekToLast();
            return it.isValid() ? Keys.timeOf(it.key()) : 0;
        }
    }

    /** Packs are stored in a small binary form: name, file count, then path and bytes per file. */
    private static byte[] writePack(RulePack pack) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream data = new java.io.DataOutputStream(out)) {
            data.writeUTF(pack.name());
            data.writeInt(pack.files().size());
            for (Map.Entry<String, byte[]> file : pack.files().entrySet()) {
                data.writeUTF(file.getKey());
                data.writeInt(file.getValue().length);
                data.write(file.getValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static RulePack readPack(byte[] bytes) {
        try (java.io.DataInputStream data = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            String name = data.readUTF();
            int count = data.readInt();
            Map<String, byte[]> files = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                String path = data.readUTF();
                byte[] content = new byte[data.readInt()];
                data.readFully(content);
                files.put(path, content);
            }
            return new RulePack(name, files);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt rule pack record in the data directory: " + e.getMessage(), e);
        }
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return WoolguardJson.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt ruleset record in the data directory: " + e.getMessage(), e);
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : Keys.text(bytes);
    }
}
