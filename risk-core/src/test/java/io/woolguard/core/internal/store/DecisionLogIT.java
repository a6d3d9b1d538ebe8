package io.woolguard.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.Decision;
import io.woolguard.core.EventType;
import io.woolguard.core.Explanation;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.Outcome;
import io.woolguard.core.RiskEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored decisions on a real RocksDB: the rules evaluated are stored once per list, and survive a reopen. */
class DecisionLogIT {
    private static final Instant T = Instant.parse("2026-11-11T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void store_writesEachRuleListOnce_andFindResolvesItAfterAReopen() {
        List<String> packA = ruleIds("a", 46);
        List<String> packB = ruleIds("b", 3);
        try (RocksStore store = RocksStore.open(dir)) {
            DecisionLog log = new DecisionLog(store);
            for (int i = 0; i < 100; i++) {
                log.store(explanation("e-" + i, i % 10 == 0 ? packB : packA));
            }
            log.store(explanation("e-none", List.of()));
            assertEquals(2, store.count(Column.RULE_LISTS), "one stored list per distinct ruleset");
            byte[] stored = store.get(Column.DECISIONS, Keys.of("e-1"));
            assertTrue(stored.length < 300, "the 46 rule ids are not in every decision: " + stored.length + " bytes");
        }
        try (RocksStore store = RocksStore.open(dir)) {
            DecisionLog log = new DecisionLog(store);
            assertEquals(packA, log.find("e-1").orElseThrow().rulesEvaluated());
            assertEquals(packB, log.find("e-10").orElseThrow().rulesEvaluated());
            assertEquals(List.of(), log.find("e-none").orElseThrow().rulesEvaluated());
            assertEquals(explanation("e-2", packA), log.find("e-2").orElseThrow());
            log.store(explanation("e-after", packA)); // known list after a reopen: found, not stored again
            assertEquals(2, store.count(Column.RULE_LISTS));
            assertEquals(102, log.count());
        }
    }

    private static List<String> ruleIds(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(prefix + "-rule-number-" + i);
        }
        return List.copyOf(ids);
    }

    private static Explanation explanation(String eventId, List<String> rules) {
        RiskEvent event = RiskEvent.builder(eventId, EventType.LOGIN, "u-1").occurredAt(T).build();
        Decision decision = new Decision(eventId, Outcome.ALLOW, 0, List.of(), "v1", null, false, null, T);
        return new Explanation(decision, event, new FeatureVector(Map.of("lists.watched", 0.0)), rules);
    }
}
