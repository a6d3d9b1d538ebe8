package io.woolguard.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.server.config.LimitsConfiguration;
import io.woolguard.server.problem.OverloadedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DecisionGateTest {
    private static LimitsConfiguration limits(int maxConcurrent) {
        return new LimitsConfiguration(65_536, 4_194_304, 9_437_184, 1_000, maxConcurrent, Duration.ofSeconds(2),
                Duration.ofMillis(50), 2);
    }

    // Each gate starts its decision threads ("woolguard-decide-N"): closed, so that none outlive the
    // test and no later test in this JVM (BackgroundThreadPriorityTest looks threads up by that name)
    // finds them instead of its own.
    @Test
    void run_refusesAtOnceWhenEveryPermitIsTaken_withRetryAfter() {
        try (DecisionGate gate = new DecisionGate(limits(2))) {
            OverloadedException refused = assertThrows(OverloadedException.class,
                    () -> gate.run(() -> gate.run(() -> gate.run(() -> "third"))));

            assertEquals(2, refused.retryAfterSeconds());
            assertTrue(refused.getMessage().contains("limit of 2 concurrent decisions"), refused.getMessage());
            assertEquals(2, gate.available(), "permits are given back, also after a refusal");
        }
    }

    @Test
    void run_returnsTheResultAndReleasesThePermitWhenWorkFails() {
        try (DecisionGate gate = new DecisionGate(limits(1))) {
            assertEquals("ok", gate.run(() -> "ok"));
            assertThrows(IllegalStateException.class, () -> gate.run(() -> {
                throw new IllegalStateException("boom");
            }));
            assertEquals(1, gate.available());
            assertEquals("again", gate.run(() -> "again"));
        }
    }

    @Test
    void limits_validateNamesTheKey() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> limits(0).validate());
        assertTrue(e.getMessage().contains("woolguard.limits.max-concurrent-decisions"), e.getMessage());
    }
}
