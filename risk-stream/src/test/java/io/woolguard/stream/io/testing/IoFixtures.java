package io.woolguard.stream.io.testing;

import io.woolguard.core.Coupon;
import io.woolguard.core.Device;
import io.woolguard.core.EntityType;
import io.woolguard.core.EventType;
import io.woolguard.core.Label;
import io.woolguard.core.LabelValue;
import io.woolguard.core.PersonalDataHasher;
import io.woolguard.core.RiskEvent;

import io.woolguard.core.EngineListener;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.RiskEngineBuilder;
import io.woolguard.core.testing.EngineFixture;
import io.woolguard.core.testing.MutableClock;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Events and labels for the stream I/O tests: realistic, personal data hashed. */
public final class IoFixtures {
    public static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
    public static final PersonalDataHasher HASHER = PersonalDataHasher.withSecret("stream-io-test-secret");

    private IoFixtures() {
    }

    /** A coupon claim by {@code account} on {@code device} from {@code ip}, {@code secondsAfterT0} after T0. */
    public static RiskEvent claim(String eventId, String account, String device, String ip, long secondsAfterT0) {
        return RiskEvent.builder(eventId, EventType.COUPON_CLAIM, account)
                .occurredAt(T0.plusSeconds(secondsAfterT0))
                .accountCreatedAt(T0.minusSeconds(3_600))
                .phone("+86170" + Math.abs(account.hashCode() % 100_000_000))
                .device(Device.of(device))
                .ip(ip)
                .coupon(new Coupon("double11", "cp-" + eventId, new BigDecimal("20.00"), "CNY"))
                .attribute("channel", "wechat-miniprogram")
                .build()
                .protect(HASHER);
    }

    /** The {@code i}-th claim of a small device farm: 10 devices, 50 accounts, 20 IPs. */
    public static RiskEvent farmClaim(int i) {
        return claim("e-" + i, "u-" + (i % 50), "d-" + (i % 10), "203.0.113." + (i % 20), i);
    }

    /**
     * A real engine on {@code dir} (core's line-rule test compiler, velocity rules), its clock a day
     * after T0 so every fixture event lies in its past, telling {@code listeners}.
     */
    public static RiskEngine engine(Path dir, EngineListener... listeners) {
        RiskEngineBuilder builder = EngineFixture.builder(dir, new MutableClock(T0.plus(Duration.ofDays(1))))
                .rules(EngineFixture.velocityPack());
        for (EngineListener listener : listeners) {
            builder.listener(listener);
        }
        return builder.build();
    }

    /** A FRAUD label on an account. */
    public static Label fraud(String account, long secondsAfterT0) {
        return new Label(EntityType.ACCOUNT, account, LabelValue.FRAUD, "chargeback-feed", "test",
                T0.plusSeconds(secondsAfterT0));
    }
}
