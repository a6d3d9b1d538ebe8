package io.woolguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.Coupon;
import io.woolguard.core.Decision;
import io.woolguard.core.Device;
import io.woolguard.core.EventType;
import io.woolguard.core.Order;
import io.woolguard.core.Outcome;
import io.woolguard.core.PersonalData;
import io.woolguard.core.Platform;
import io.woolguard.core.Reason;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.spi.EvaluationLimits;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Farm and legit scenarios played through the library as an embedding team would: the real engine,
 * RocksDB on disk, the default Drools pack, no feature stream (only what the engine counts itself).
 * Each scenario uses its own entities, so one engine serves the class.
 */
class LibraryScenariosIT {
    private static final Instant NOW = Instant.parse("2026-11-11T12:00:00Z");
    private static final Instant YEARS_AGO = Instant.parse("2021-03-01T08:00:00Z");
    private static final String PHONE_UA = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Mobile Safari/537.36";

    @TempDir
    static Path dir;
    static RiskEngine engine;

    @BeforeAll
    static void open() {
        engine = RiskEngine.builder()
                .rules(RulePacks.defaultPack())
                .dataDirectory(dir)
                .clock(Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC))
                // the scenarios test what the rules decide, not how busy the machine is: with the 50 ms
                // default, a GC pause or a descheduled thread on a loaded CI machine turns a BLOCK into
                // the degraded ALLOW fallback (the budget itself is tested in DroolsRulePackCompilerTest)
                .evaluationLimits(new EvaluationLimits(1_000, Duration.ofSeconds(10)))
                .build();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static RiskEvent claim(String id, String account, Instant createdAt, Device device, String ip, Instant at) {
        return new RiskEvent(id, EventType.COUPON_CLAIM, at, new io.woolguard.core.Account(account, createdAt, null, null),
                device, ip == null ? null : io.woolguard.core.Network.of(ip),
                new Coupon("double11", "cp-9", new BigDecimal("20.00"), "CNY"), null, null);
    }

    private static Device phone(String id) {
        return new Device(id, Platform.ANDROID, false, false, false, PHONE_UA, "Asia/Shanghai");
    }

    private static List<String> codes(Decision d) {
        return d.reasons().stream().map(Reason::code).toList();
    }

    @Test
    void deviceFarm_freshAccountsOnOneDevice_blocked() {
        Decision last = null;
        for (int i = 0; i < 15; i++) {
            last = engine.decide(claim("farm-dev-" + i, "farm-acct-" + i, NOW.minus(Duration.ofHours(3)),
                    phone("farm-device-1"), "198.51.100." + (10 + i), NOW.plusSeconds(20L * i)));
        }
        assertEquals(Outcome.BLOCK, last.outcome(), last.toString());
        assertTrue(codes(last).contains("DEVICE_SHARED_BY_MANY_ACCOUNTS"), codes(last).toString());
    }

    @Test
    void familyTablet_fourOldAccountsOnOneTablet_allowed() {
        for (int i = 0; i < 4; i++) {
            Decision d = engine.decide(claim("family-" + i, "family-acct-" + i, YEARS_AGO,
                    new Device("family-tablet", Platform.IOS, false, false, false,
                            "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", "Asia/Shanghai"),
                    "203.0.113.50", NOW.plus(Duration.ofMinutes(15L * i))));
            assertEquals(Outcome.ALLOW, d.outcome(), d.toString());
        }
    }

    @Test
    void officeNat_manyOldAccountsBehindOneIp_allowed() {
        for (int i = 0; i < 40; i++) {
            Decision d = engine.decide(claim("office-" + i, "office-acct-" + i, YEARS_AGO.plus(Duration.ofDays(i)),
                    phone("office-phone-" + i), "192.0.2.200", NOW.plus(Duration.ofSeconds(75L * i))));
            assertEquals(Outcome.ALLOW, d.outcome(), d.toString());
        }
    }

    @Test
    void oldAccountBuysOneCentPromo_allowed() {
        Order promo = new Order("promo-order-1", new BigDecimal("0.01"), new BigDecimal("99.00"), "CNY", 1,
                List.of("cp-penny"), PersonalData.raw("No. 8 Hangzhou Road, Shanghai"), PersonalData.raw("6222 0000 1111 2222"));
        RiskEvent order = new RiskEvent("promo-1", EventType.ORDER, NOW, new io.woolguard.core.Account("loyal-1", YEARS_AGO, null, null),
                phone("loyal-phone-1"), io.woolguard.core.Network.of("203.0.113.77"), null, promo, null);

        Decision d = engine.decide(order);

        assertEquals(Outcome.ALLOW, d.outcome(), d.toString());
        assertTrue(d.score() < 40, d.toString());
    }

    @Test
    void scriptedEmulator_freshAccount_blockedWithEveryReason() {
        RiskEvent event = new RiskEvent("bot-1", EventType.COUPON_CLAIM, NOW,
                new io.woolguard.core.Account("bot-acct-1", NOW.minus(Duration.ofMinutes(30)), PersonalData.raw("+8617012345678"), null),
                new Device("bot-device-1", Platform.ANDROID, true, true, false, "python-requests/2.31.0", null),
                io.woolguard.core.Network.of("198.51.100.99"), new Coupon("double11", null, new BigDecimal("50"), "CNY"), null, null);

        Decision d = engine.decide(event);

        assertEquals(Outcome.BLOCK, d.outcome(), d.toString());
        assertTrue(codes(d).containsAll(List.of("AUTOMATION_USER_AGENT", "EMULATED_DEVICE", "VIRTUAL_CARRIER_PHONE")), codes(d).toString());
        assertEquals(100, d.score());
    }

    @Test
    void virtualCarrierPhoneAlone_isNotBlocked() {
        RiskEvent event = new RiskEvent("mvno-1", EventType.COUPON_CLAIM, NOW,
                new io.woolguard.core.Account("mvno-acct-1", YEARS_AGO, PersonalData.raw("+8617112345678"), null),
                phone("mvno-phone-1"), io.woolguard.core.Network.of("203.0.113.88"),
                new Coupon("double11", null, new BigDecimal("20"), "CNY"), null, null);

        Decision d = engine.decide(event);

        assertNotEquals(Outcome.BLOCK, d.outcome());
        assertEquals(List.of("VIRTUAL_CARRIER_PHONE"), codes(d));
    }

    @Test
    void sharedAddressLowPriceOrders_acrossFreshAccounts_blocked() {
        Decision last = null;
        for (int i = 0; i < 6; i++) {
            Order order = new Order("drop-order-" + i, new BigDecimal("0.50"), new BigDecimal("199.00"), "CNY", 1,
                    List.of("cp-a", "cp-b", "cp-c"), PersonalData.raw("Room 301, Building 4, Drop Street 9"),
                    PersonalData.raw("wallet-" + i));
            last = engine.decide(new RiskEvent("drop-" + i, EventType.ORDER, NOW.plusSeconds(30L * i),
                    new io.woolguard.core.Account("drop-acct-" + i, NOW.minus(Duration.ofHours(5)), null, null),
                    phone("drop-phone-" + i), io.woolguard.core.Network.of("198.51.100." + (150 + i)), null, order, null));
        }
        assertEquals(Outcome.BLOCK, last.outcome(), last.toString());
        assertTrue(codes(last).containsAll(List.of("SHIPPING_ADDRESS_SHARED", "COUPON_STACKING")), codes(last).toString());
    }

    @Test
    void claimBurstFromOneDevice_theBurstIsSeenAtOnce() {
        Decision last = null;
        for (int i = 0; i < 21; i++) {
            last = engine.decide(claim("burst-" + i, "burst-acct-" + i, null, phone("burst-device"), null,
                    NOW.plusMillis(40L * i)));
        }
        assertEquals(Outcome.BLOCK, last.outcome(), last.toString());
        assertTrue(codes(last).contains("DEVICE_CLAIM_FLOOD"), codes(last).toString());
        assertFalse(last.degraded());
    }
}
