package io.woolguard.benchmarks.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.benchmarks.traffic.Actor;
import io.woolguard.benchmarks.traffic.Scenario;
import io.woolguard.core.Outcome;
import io.woolguard.rules.RulePacks;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default pack on 10,000 traffic-model events (seed 42, on the model's clock, so the result
 * does not depend on the machine): farms are caught, and the customers the pack must let through
 * (a family tablet, an office NAT, a penny promo, a carrier NAT) are.
 */
class DecisionQualityTest {
    private static final int EVENTS = 10_000;
    private static final List<Scenario> LET_THROUGH = List.of(Scenario.LEGIT_FAMILY_TABLET, Scenario.LEGIT_OFFICE_NAT,
            Scenario.LEGIT_PENNY_PROMO, Scenario.LEGIT_CARRIER_NAT);

    private static DecisionQuality.Report report;

    @BeforeAll
    static void decideTheModel() {
        report = DecisionQuality.run(RulePacks.defaultPack(), EVENTS, 42);
    }

    @Test
    void everyEventIsDecidedOnce() {
        assertEquals(EVENTS, report.decided(Actor.LEGIT) + report.decided(Actor.FARM));
        assertTrue(report.decided(Actor.FARM) > 500, "the model's 10% farm share: " + report.decided(Actor.FARM));
    }

    @Test
    void farmsAreBlocked() {
        long farm = report.decided(Actor.FARM);
        assertTrue(report.count(Actor.FARM, Outcome.BLOCK) >= 0.97 * farm,
                report.count(Actor.FARM, Outcome.BLOCK) + " of " + farm + " farm events blocked; allowed: " + report.farmAllowed());
        assertTrue(report.count(Actor.FARM, Outcome.ALLOW) <= 0.01 * farm, "farm events allowed: " + report.farmAllowed());
    }

    @Test
    void customersThePackMustLetThroughAreNeitherBlockedNorMostlyChallenged() {
        for (Scenario scenario : LET_THROUGH) {
            long decided = report.count(scenario, null);
            assertTrue(decided > 100, scenario + " decided " + decided);
            long blocked = report.count(scenario, Outcome.BLOCK);
            long notAllowed = decided - report.count(scenario, Outcome.ALLOW);
            assertTrue(blocked <= 0.005 * decided, scenario + ": " + blocked + " of " + decided + " blocked; " + report.legitNotAllowed());
            assertTrue(notAllowed <= 0.03 * decided, scenario + ": " + notAllowed + " of " + decided + " not allowed; "
                    + report.legitNotAllowed());
        }
        long legit = report.decided(Actor.LEGIT);
        assertTrue(report.count(Actor.LEGIT, Outcome.BLOCK) <= 0.002 * legit,
                report.count(Actor.LEGIT, Outcome.BLOCK) + " of " + legit + " legit events blocked: " + report.legitNotAllowed());
    }
}
