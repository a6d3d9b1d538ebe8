package io.woolguard.benchmarks.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.EventType;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.json.WoolguardJson;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrafficModelTest {
    private static final int EVENTS = 10_000;

    private static List<TrafficEvent> sample(long seed, double farmShare) {
        return TrafficModel.builder().seed(seed).farmShare(farmShare).legitUsers(50_000).build().next(EVENTS);
    }

    @Test
    void next_isDeterministicForASeed() {
        List<TrafficEvent> first = sample(7, 0.1);
        List<TrafficEvent> again = sample(7, 0.1);
        List<TrafficEvent> other = sample(8, 0.1);
        for (int i = 0; i < EVENTS; i += 997) {
            assertEquals(new String(first.get(i).json()), new String(again.get(i).json()), "event " + i);
        }
        assertNotEquals(new String(first.get(5).json()), new String(other.get(5).json()));
    }

    @Test
    void next_givesUniqueEventIdsAndTheConfiguredFarmShare() {
        List<TrafficEvent> events = sample(1, 0.2);
        Set<String> ids = new HashSet<>();
        long farm = 0;
        for (TrafficEvent e : events) {
            assertTrue(ids.add(e.event().eventId()), "duplicate id " + e.event().eventId());
            if (e.actor() == Actor.FARM) {
                farm++;
            }
        }
        double share = farm / (double) EVENTS;
        assertTrue(share > 0.18 && share < 0.22, "farm share " + share + " should be 0.2 +- 0.02");
    }

    @Test
    void next_coversEveryScenario() {
        Map<Scenario, Integer> counts = new EnumMap<>(Scenario.class);
        sample(3, 0.15).forEach(e -> counts.merge(e.scenario(), 1, Integer::sum));
        for (Scenario scenario : Scenario.values()) {
            assertTrue(counts.getOrDefault(scenario, 0) > 20, scenario + " seen only " + counts.get(scenario) + " times");
        }
    }

    @Test
    void farmEvents_carryFarmSignals() {
        int cheapOrders = 0;
        Map<String, Set<String>> accountsPerDevice = new HashMap<>();
        for (TrafficEvent e : sample(5, 0.3)) {
            if (e.actor() != Actor.FARM) {
                continue;
            }
            RiskEvent event = e.event();
            assertTrue(e.phone().matches("\\+86(170|171|162|165|167)\\d{8}"), "farm phone " + e.phone());
            accountsPerDevice.computeIfAbsent(event.device().id(), d -> new HashSet<>()).add(event.account().id());
            if (event.type() == EventType.ORDER) {
                cheapOrders++;
                assertTrue(event.order().priceRatio() < 0.10, "farm order ratio " + event.order().priceRatio());
                assertTrue(event.order().couponIds().size() >= 2, "farm orders stack coupons");
            }
            if (event.type() == EventType.COUPON_CLAIM) {
                long ageHours = java.time.Duration.between(event.account().createdAt(), event.occurredAt()).toHours();
                assertTrue(ageHours >= 1 && ageHours <= 48, "farm claim account age " + ageHours + "h");
            }
        }
        assertTrue(cheapOrders > 50, "cheap orders " + cheapOrders);
        int busiest = accountsPerDevice.values().stream().mapToInt(Set::size).max().orElseThrow();
        assertTrue(busiest >= 15, "the busiest farm device has " + busiest + " accounts, expected >= 15");
    }

    @Test
    void legitEvents_lookOrdinary() {
        Map<String, Set<String>> accountsPerDevice = new HashMap<>();
        int pennyOrders = 0;
        for (TrafficEvent e : sample(9, 0.0)) {
            RiskEvent event = e.event();
            assertEquals(Actor.LEGIT, e.actor());
            assertFalse(event.device().isEmulator() || event.device().isRooted() || event.device().isHooked());
            accountsPerDevice.computeIfAbsent(event.device().id(), d -> new HashSet<>()).add(event.account().id());
            if (e.scenario() == Scenario.LEGIT_PENNY_PROMO) {
                pennyOrders++;
                assertEquals("0.01", event.order().amount().toPlainString());
                assertTrue(java.time.Duration.between(event.account().createdAt(), event.occurredAt()).toDays() >= 365,
                        "penny promo buyers are years-old accounts");
            }
        }
        assertTrue(pennyOrders > 50, "penny orders " + pennyOrders);
        int busiest = accountsPerDevice.values().stream().mapToInt(Set::size).max().orElseThrow();
        assertTrue(busiest >= 2 && busiest <= 4, "a family tablet is shared by at most 4, got " + busiest);
    }

    @Test
    void legitCustomers_neverActFasterThanAHuman() {
        // 10,000 events at 2,000/s span 5 simulated seconds: no customer may act twice in them
        Map<String, Integer> perAccount = new HashMap<>();
        sample(17, 0.0).forEach(e -> perAccount.merge(e.event().account().id(), 1, Integer::sum));
        int busiest = perAccount.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertEquals(1, busiest, "a customer acted " + busiest + " times within 5 seconds");
    }

    @Test
    void legitActivity_isSkewed() {
        Map<String, Integer> perAccount = new HashMap<>();
        // 5 events/s: 10,000 events span ~33 minutes, room for the popular customers to come back
        TrafficModel.builder().seed(11).farmShare(0.0).legitUsers(50_000).eventsPerSecond(5).build().next(EVENTS)
                .forEach(e -> perAccount.merge(e.event().account().id(), 1, Integer::sum));
        int top = perAccount.values().stream().sorted((a, b) -> b - a).limit(500).mapToInt(Integer::intValue).sum();
        double share = top / (double) EVENTS;
        // 500 of 50,000 customers (1%) send a large share of the traffic under Zipf 0.9; uniform would be ~2.5%
        assertTrue(share > 0.25, "the busiest 1% of customers sent " + share + " of events");
    }

    @Test
    void json_isAValidContractEventWithTheSameContent() {
        for (TrafficEvent e : sample(13, 0.2).subList(0, 2_000)) {
            RiskEvent parsed = WoolguardJson.readEvent(e.json());
            assertEquals(e.event(), parsed, "round trip of " + e.event().eventId());
        }
    }

    @Test
    void zipf_ranksStayInRangeAndFavourTheTop() {
        Zipf zipf = new Zipf(1_000_000, 1.0);
        SplittableRandom random = new SplittableRandom(1);
        int rankZero = 0;
        for (int i = 0; i < 100_000; i++) {
            long rank = zipf.sample(random);
            assertTrue(rank >= 0 && rank < 1_000_000, "rank " + rank);
            if (rank == 0) {
                rankZero++;
            }
        }
        // P(rank 0) = 1 / H(1e6) ~ 0.0695
        assertTrue(rankZero > 6_000 && rankZero < 8_000, "rank 0 drawn " + rankZero + " times");
        assertThrows(IllegalArgumentException.class, () -> new Zipf(0, 1.0));
    }

    @Test
    void builder_rejectsNonsenseWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrafficModel.builder().farmShare(1.5));
        assertTrue(e.getMessage().contains("farmShare"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrafficModel.builder().eventIdPrefix("has space"));
    }
}
