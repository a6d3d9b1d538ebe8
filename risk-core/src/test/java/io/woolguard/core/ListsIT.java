package io.woolguard.core;

import static io.woolguard.core.testing.EngineFixture.T0;
import static io.woolguard.core.testing.Events.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.internal.engine.DefaultRiskEngine;
import io.woolguard.core.testing.EngineFixture;
import io.woolguard.core.testing.Events;
import io.woolguard.core.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListsIT {
    @TempDir
    Path dir;
    MutableClock clock;
    RiskEngine engine;

    @BeforeEach
    void open() {
        clock = new MutableClock(T0);
        engine = EngineFixture.builder(dir, clock)
                .rules(EngineFixture.pack("claims", "every-claim CLAIM_SEEN 10 type=COUPON_CLAIM"))
                .watchScore(35)
                .build();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void allowOnAnyEntity_winsOverBlockAndWatch_rulesNotEnforced() {
        engine.lists().put(ListType.BLOCK, EntityType.DEVICE, "d-1", null, "farm device", "analyst");
        engine.lists().put(ListType.WATCH, EntityType.IP, "203.0.113.7", null, null, "analyst");
        engine.lists().put(ListType.ALLOW, EntityType.ACCOUNT, "u-vip", null, "partner", "analyst");

        Explanation e = engine.explain(claim("a-1", "u-vip", "d-1", "203.0.113.7", T0));
        Decision d = e.decision();
        assertEquals(Outcome.ALLOW, d.outcome());
        assertEquals(0, d.score());
        assertEquals(List.of("LISTED_ALLOW"), d.reasons().stream().map(Reason::code).toList());
        assertTrue(d.reasons().get(0).message().contains("u-vip is on the ALLOW list: partner"), d.reasons().get(0).message());
        assertEquals(List.of(), e.rulesEvaluated(), "rules are not enforced for allow-listed events");
    }

    @Test
    void blockWithoutAllow_blocksWithScore100() {
        engine.lists().put(ListType.BLOCK, EntityType.DEVICE, "d-1", null, "farm device", "analyst");
        engine.lists().put(ListType.WATCH, EntityType.IP, "203.0.113.7", null, null, "analyst");

        Decision d = engine.decide(claim("b-1", "u-1", "d-1", "203.0.113.7", T0));
        assertEquals(Outcome.BLOCK, d.outcome());
        assertEquals(100, d.score());
        assertEquals(List.of("LISTED_BLOCK"), d.reasons().stream().map(Reason::code).toList());
        assertEquals("list:BLOCK", d.reasons().get(0).ruleId());
    }

    @Test
    void watch_addsReasonAndScore_rulesStillDecide() {
        engine.lists().put(ListType.WATCH, EntityType.SUBNET, "203.0.113.0/24", null, "proxy pool", "analyst");

        Explanation e = engine.explain(claim("w-1", "u-1", "d-1", "203.0.113.7", T0));
        Decision d = e.decision();
        assertEquals(List.of("LISTED_WATCH", "CLAIM_SEEN"), d.reasons().stream().map(Reason::code).toList(),
                "watch (35) before the rule (10): strongest first");
        assertEquals(45, d.score());
        assertEquals(Outcome.CHALLENGE, d.outcome());
        assertEquals(1.0, e.features().get(FeatureNames.LISTS_WATCHED));
        assertEquals(List.of("every-claim"), e.rulesEvaluated());
    }

    @Test
    void ttl_expiresOnTheEnginesClock_andSweepRemovesIt() {
        ListEntry entry = engine.lists().put(ListType.BLOCK, EntityType.DEVICE, "d-1", Duration.ofMinutes(10), "burst", "analyst");
        assertEquals(T0.plus(Duration.ofMinutes(10)), entry.expiresAt());

        clock.advance(Duration.ofMinutes(9));
        assertEquals(Outcome.BLOCK, engine.decide(claim("t-1", "u-1", "d-1", null, clock.instant())).outcome());

        clock.advance(Duration.ofMinutes(1));
        assertTrue(engine.lists().find(ListType.BLOCK, EntityType.DEVICE, "d-1").isEmpty(), "invisible at expiry");
        Decision after = engine.decide(claim("t-2", "u-1", "d-1", null, clock.instant()));
        assertEquals(Outcome.ALLOW, after.outcome());
        assertFalse(after.hasReason("LISTED_BLOCK"));
        assertTrue(engine.lists().page(ListType.BLOCK, null, 10).entries().isEmpty());

        long swept = ((DefaultRiskEngine) engine).maintain();
        assertEquals(1, swept, "the expired entry is deleted from disk");
        assertFalse(engine.lists().remove(ListType.BLOCK, EntityType.DEVICE, "d-1", "analyst"), "nothing left to remove");
    }

    @Test
    void personalDataValues_areHashedBeforeStoring_andMatchHashedEvents() {
        ListEntry entry = engine.lists().put(ListType.BLOCK, EntityType.PHONE, "+86 170-1234-5678", null, null, "analyst");
        String hash = engine.hasher().hash(PersonalDataKind.PHONE, "+8617012345678");
        assertEquals(hash, entry.value());
        assertTrue(engine.lists().find(ListType.BLOCK, EntityType.PHONE, hash).isPresent(), "found by hash");
        assertTrue(engine.lists().find(ListType.BLOCK, EntityType.PHONE, "+8617012345678").isPresent(), "and by raw value");

        Decision d = engine.decide(Events.claimWithPhone("p-1", "u-1", "+8617012345678", T0));
        assertEquals(Outcome.BLOCK, d.outcome());
        assertFalse(d.reasons().get(0).message().contains("12345678"), "no raw phone in the reason");
    }

    @Test
    void removeAndPage_walkTheListInKeyOrder() {
        for (int i = 0; i < 5; i++) {
            engine.lists().put(ListType.WATCH, EntityType.DEVICE, "d-" + i, null, null, "analyst");
        }
        engine.lists().put(ListType.WATCH, EntityType.ACCOUNT, "u-1", null, null, "analyst");
        engine.lists().put(ListType.BLOCK, EntityType.ACCOUNT, "u-2", null, null, "analyst");
        assertTrue(engine.lists().remove(ListType.WATCH, EntityType.DEVICE, "d-2", "analyst"));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            EntityLists.ListPage page = engine.lists().page(ListType.WATCH, cursor, 2);
            page.entries().forEach(e -> seen.add(e.entityType() + ":" + e.value()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(List.of("ACCOUNT:u-1", "DEVICE:d-0", "DEVICE:d-1", "DEVICE:d-3", "DEVICE:d-4"), seen);
        assertEquals(3, pages);
        assertNull(engine.lists().page(ListType.BLOCK, null, 10).nextCursor());
        assertThrows(IllegalArgumentException.class, () -> engine.lists().page(ListType.BLOCK, null, 0));
    }
}
