package io.woolguard.core.internal.store;

import java.nio.charset.StandardCharsets;

/** The column families of the engine's RocksDB database, one per kind of data. */
public enum Column {
    /** Stored (stream) features per entity: key {@code TYPE\0id}, value {@link FeatureCodec}. */
    FEATURES("features"),
    /** List entries: key {@code LIST\0TYPE\0value}, value JSON. */
    LISTS("lists"),
    /** Stored decisions: key eventId, value the Explanation ({@link ExplanationCodec}). */
    DECISIONS("decisions"),
    /** Rule lists that stored decisions refer to: key an 8-byte content id, value {@link ExplanationCodec#encodeRuleList}. */
    RULE_LISTS("rule_lists"),
    /** Time index of decisions for the retention sweep: key decidedAt millis (8 bytes, big-endian) + eventId. */
    DECISION_TIMES("decision_times"),
    /** Labels: key {@code TYPE\0id\0} + labelledAt millis + sequence, value JSON. */
    LABELS("labels"),
    /** Ruleset versions: packs, infos, content-hash index. */
    RULESETS("rulesets"),
    /** The ruleset audit log: key a sequence number (8 bytes, big-endian), value JSON. */
    AUDIT("audit"),
    /** Small engine state: active and shadow versions, activation history, schema version. */
    META("meta");

    private final String familyName;

    Column(String familyName) {
        this.familyName = familyName;
    }

    byte[] familyNameBytes() {
        return familyName.getBytes(StandardCharsets.UTF_8);
    }
}
