package io.woolguard.core.testing;

import io.woolguard.core.RiskEngine;
import io.woolguard.core.RiskEngineBuilder;
import io.woolguard.core.RulePack;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** Builds engines on a temp directory with the line rule language and a hand-moved clock. */
public final class EngineFixture {
    /** When every test's clock starts: the evening of 11.11 (Beijing). */
    public static final Instant T0 = Instant.parse("2026-11-11T12:00:00Z");

    private EngineFixture() {
    }

    /** A pack with one file of line rules. */
    public static RulePack pack(String name, String... lines) {
        return RulePack.ofText(name, Map.of("rules.txt", String.join("\n", lines)));
    }

    /** A builder on {@code dir} with {@code clock} and a fixed personal-data key. */
    public static RiskEngineBuilder builder(Path dir, MutableClock clock) {
        return RiskEngine.builder()
                .dataDirectory(dir)
                .clock(clock)
                .maintenanceInterval(java.time.Duration.ofHours(1));
    }

    /** The velocity pack most tests use. */
    public static RulePack velocityPack() {
        return pack("velocity",
                "device-burst DEVICE_CLAIM_BURST 50 device.live_claims_1m>20",
                "device-farm DEVICE_SHARED_BY_MANY_ACCOUNTS 45 device.live_accounts_1h>=5",
                "fresh-account NEW_ACCOUNT_CLAIM 20 account.age_hours<24",
                "low-price ORDER_FAR_BELOW_LIST_PRICE 40 order.price_ratio<0.1",
                "virtual-phone VIRTUAL_CARRIER_PHONE 25 phone.virtual_carrier>=1");
    }
}
