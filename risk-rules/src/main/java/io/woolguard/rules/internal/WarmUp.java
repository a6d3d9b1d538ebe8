package io.woolguard.rules.internal;

import io.woolguard.core.Account;
import io.woolguard.core.Coupon;
import io.woolguard.core.Device;
import io.woolguard.core.EventType;
import io.woolguard.core.FeatureNames;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.Network;
import io.woolguard.core.Order;
import io.woolguard.core.PersonalData;
import io.woolguard.core.Platform;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.core.spi.RuleInput;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drools builds parts of the network and compiles constraints lazily, on the first evaluations.
 * A freshly compiled pack is run over a few synthetic events (without a tight budget) before it is
 * handed out, so the first real decision after a swap does not pay that cost or trip the budget.
 */
final class WarmUp {
    private static final EvaluationLimits GENEROUS = new EvaluationLimits(100_000, Duration.ofSeconds(10));
    /** Enough to load classes and build the network; Drools compiles hot constraints later, off the calling thread. */
    private static final int ROUNDS = 3;

    private WarmUp() {
    }

    static void run(DroolsCompiledRules rules) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        PersonalData phone = PersonalData.hashed("0".repeat(64), "+86-170");
        PersonalData email = PersonalData.hashed("1".repeat(64), "mailinator.com");
        RiskEvent claim = new RiskEvent("warm-up-claim", EventType.COUPON_CLAIM, now,
                new Account("warm-up", now.minusSeconds(3_600), phone, email),
                new Device("warm-up", Platform.WEB, true, true, true, "HeadlessChrome python-requests", "Asia/Shanghai"),
                Network.of("192.0.2.1"), new Coupon("warm-up", "warm-up", new BigDecimal("100"), "CNY"), null,
                Map.of("channel", "warm-up"));
        RiskEvent order = new RiskEvent("warm-up-order", EventType.ORDER, now,
                new Account("warm-up", now.minusSeconds(3_600), phone, email),
                new Device("warm-up", Platform.MINI_PROGRAM, false, false, false, "okhttp/4.12", null),
                Network.of("2001:db8::1"), null,
                new Order("warm-up", new BigDecimal("0.01"), new BigDecimal("100"), "CNY", 1, List.of("a", "b", "c"),
                        PersonalData.hashed("2".repeat(64), null), PersonalData.hashed("3".repeat(64), null)),
                Map.of());
        // every known feature at a quiet, a middling and a farm-sized value, so that (nearly) every rule's
        // conditions are evaluated and its consequence fires and loads before a real decision needs it
        List<FeatureVector> vectors = List.of(FeatureVector.empty(), everyFeatureAt(7), everyFeatureAt(1_000));
        for (int i = 0; i < ROUNDS; i++) {
            for (FeatureVector features : vectors) {
                rules.evaluate(new RuleInput(claim, features), GENEROUS);
                rules.evaluate(new RuleInput(order, features), GENEROUS);
            }
        }
    }

    private static FeatureVector everyFeatureAt(double value) {
        Map<String, Double> values = new HashMap<>();
        for (Field field : FeatureNames.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    values.put((String) field.get(null), value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        values.put(FeatureNames.ORDER_PRICE_RATIO, 0.01);
        return new FeatureVector(values);
    }
}
