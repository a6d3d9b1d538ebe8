package io.woolguard.rules.internal;

import io.woolguard.core.Coupon;
import io.woolguard.core.Device;
import io.woolguard.core.EventType;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.Order;
import io.woolguard.core.Platform;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.core.spi.RuleInput;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Drools builds parts of the network and compiles constraints lazily, on the first evaluations.
 * A freshly compiled pack is run over a few synthetic events (without a tight budget) before it is
 * handed out, so the first real decision after a swap does not pay that cost or trip the budget.
 */
final class WarmUp {
    private static final EvaluationLimits GENEROUS = new EvaluationLimits(100_000, Duration.ofSeconds(10));
    private static final int ROUNDS = 20;

    private WarmUp() {
    }

    static void run(DroolsCompiledRules rules) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        RiskEvent claim = RiskEvent.builder("warm-up-claim", EventType.COUPON_CLAIM, "warm-up")
                .occurredAt(now).accountCreatedAt(now.minusSeconds(3_600))
                .device(new Device("warm-up", Platform.WEB, true, true, true, "HeadlessChrome python-requests", "Asia/Shanghai"))
                .ip("192.0.2.1")
                .coupon(new Coupon("warm-up", "warm-up", BigDecimal.TEN, "CNY"))
                .attribute("channel", "warm-up")
                .build();
        RiskEvent order = RiskEvent.builder("warm-up-order", EventType.ORDER, "warm-up")
                .occurredAt(now)
                .order(new Order("warm-up", new BigDecimal("0.01"), new BigDecimal("100"), "CNY", 1,
                        List.of("a", "b", "c"), null, null))
                .build();
        FeatureVector busy = new FeatureVector(Map.of("device.accounts_24h", 1_000.0, "ip.accounts_1h", 1_000.0));
        for (int i = 0; i < ROUNDS; i++) {
            rules.evaluate(new RuleInput(claim, busy), GENEROUS);
            rules.evaluate(new RuleInput(order, FeatureVector.empty()), GENEROUS);
        }
    }
}
