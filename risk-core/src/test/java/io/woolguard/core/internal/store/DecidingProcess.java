package io.woolguard.core.internal.store;

import io.woolguard.core.Decision;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.testing.EngineFixture;
import io.woolguard.core.testing.MutableClock;
import java.nio.file.Path;

/**
 * The child process of {@link DecisionLogKillIT}: decides claims {@code k-0, k-1, ...} until it is
 * killed, printing {@code <eventId> <outcome> <score>} on stdout after each {@code decide} returned.
 * Never closes the engine.
 */
public final class DecidingProcess {
    private DecidingProcess() {
    }

    public static void main(String[] args) {
        RiskEngine engine = EngineFixture.builder(Path.of(args[0]), new MutableClock(EngineFixture.T0))
                .rules(EngineFixture.velocityPack()).build();
        for (int i = 0; ; i++) {
            Decision decision = engine.decide(DecisionLogKillIT.claim(i));
            System.out.println(decision.eventId() + " " + decision.outcome() + " " + decision.score());
            System.out.flush();
        }
    }
}
