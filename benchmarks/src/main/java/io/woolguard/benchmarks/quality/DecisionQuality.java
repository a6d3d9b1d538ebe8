package io.woolguard.benchmarks.quality;

import io.woolguard.benchmarks.support.Directories;
import io.woolguard.benchmarks.traffic.Actor;
import io.woolguard.benchmarks.traffic.Scenario;
import io.woolguard.benchmarks.traffic.SimulatedFeatures;
import io.woolguard.benchmarks.traffic.TrafficEvent;
import io.woolguard.benchmarks.traffic.TrafficModel;
import io.woolguard.core.Decision;
import io.woolguard.core.Outcome;
import io.woolguard.core.Reason;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.RulePack;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.rules.RulePacks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How well a rule pack tells farms from customers on the traffic model: every simulated event is
 * decided in process, on the model's own clock (so velocity windows see the model's rates, and the
 * result does not depend on the machine's speed), with the stream features the whole batch implies
 * ({@link SimulatedFeatures}) already in the store. Reports outcomes per scenario and the reason
 * combinations behind each legit customer not allowed (the false positives an analyst tunes away)
 * and each farm event allowed.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl benchmarks -am
 * java -cp benchmarks/target/benchmarks.jar io.woolguard.benchmarks.quality.DecisionQuality [events] [seed]
 * </pre>
 */
public final class DecisionQuality {
    /** Per-scenario outcome counts and the reason combinations of the decisions that went wrong. */
    public record Report(Map<Scenario, Map<Outcome, Long>> outcomes, Map<String, Long> legitNotAllowed,
                         Map<String, Long> farmAllowed) {
        /** Events of {@code actor} decided. */
        public long decided(Actor actor) {
            return count(actor, null);
        }

        /** Events of {@code actor} with {@code outcome} (null: any). */
        public long count(Actor actor, Outcome outcome) {
            return outcomes.entrySet().stream().filter(e -> e.getKey().actor() == actor)
                    .mapToLong(e -> outcome == null ? e.getValue().values().stream().mapToLong(Long::longValue).sum()
                            : e.getValue().getOrDefault(outcome, 0L))
                    .sum();
        }

        /** Events of one scenario with {@code outcome} (null: any). */
        public long count(Scenario scenario, Outcome outcome) {
            Map<Outcome, Long> counts = outcomes.getOrDefault(scenario, Map.of());
            return outcome == null ? counts.values().stream().mapToLong(Long::longValue).sum() : counts.getOrDefault(outcome, 0L);
        }
    }

    private DecisionQuality() {
    }

    /** Plays {@code events} model events (seed, 10% farm) through {@code pack}. */
    public static Report run(RulePack pack, int events, long seed) {
        Path directory;
        try {
            directory = Files.createTempDirectory("woolguard-quality");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant start = Instant.parse("2026-11-11T12:00:00Z");
        ModelClock clock = new ModelClock(start);
        List<TrafficEvent> traffic = TrafficModel.builder().seed(seed).start(start).eventIdPrefix("quality")
                .build().next(events);
        Map<Scenario, Map<Outcome, Long>> outcomes = new EnumMap<>(Scenario.class);
        Map<String, Long> legitNotAllowed = new HashMap<>();
        Map<String, Long> farmAllowed = new HashMap<>();
        // a budget far above the default: this measures the rules, not how busy the machine is
        try (RiskEngine engine = RiskEngine.builder().dataDirectory(directory).rules(pack).clock(clock)
                .evaluationLimits(new EvaluationLimits(1_000, Duration.ofSeconds(10))).build()) {
            engine.applyFeatureUpdates(SimulatedFeatures.of(traffic, engine.hasher()).updates());
            for (TrafficEvent event : traffic) {
                clock.set(event.event().occurredAt());
                Decision decision = engine.decide(event.event());
                outcomes.computeIfAbsent(event.scenario(), s -> new EnumMap<>(Outcome.class))
                        .merge(decision.outcome(), 1L, Long::sum);
                boolean wrong = event.actor() == Actor.LEGIT ? decision.outcome() != Outcome.ALLOW
                        : decision.outcome() == Outcome.ALLOW;
                if (wrong) {
                    String why = event.scenario() + " " + decision.outcome() + ": " + (decision.reasons().isEmpty() ? "(no reason)"
                            : decision.reasons().stream().map(Reason::code).collect(Collectors.joining(" ")));
                    (event.actor() == Actor.LEGIT ? legitNotAllowed : farmAllowed).merge(why, 1L, Long::sum);
                }
            }
        } finally {
            try {
                Directories.deleteRecursively(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Report(outcomes, legitNotAllowed, farmAllowed);
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        Report report = run(RulePacks.defaultPack(), events, seed);
        System.out.printf(Locale.ROOT, "== decision quality: default pack, %,d model events (seed %d, 10%% farm), model clock%n",
                events, seed);
        System.out.printf(Locale.ROOT, "%-22s %8s %8s %9s %8s %8s %9s%n", "scenario", "decided", "ALLOW", "CHALLENGE",
                "REVIEW", "BLOCK", "blocked");
        for (Scenario scenario : Scenario.values()) {
            long decided = report.count(scenario, null);
            if (decided == 0) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%-22s %,8d %,8d %,9d %,8d %,8d %8.2f%%%n", scenario, decided,
                    report.count(scenario, Outcome.ALLOW), report.count(scenario, Outcome.CHALLENGE),
                    report.count(scenario, Outcome.REVIEW), report.count(scenario, Outcome.BLOCK),
                    100.0 * report.count(scenario, Outcome.BLOCK) / decided);
        }
        for (Actor actor : Actor.values()) {
            long decided = report.decided(actor);
            System.out.printf(Locale.ROOT, "%s: %,d decided, blocked %.2f%%, not allowed %.2f%%%n", actor, decided,
                    100.0 * report.count(actor, Outcome.BLOCK) / decided,
                    100.0 * (decided - report.count(actor, Outcome.ALLOW)) / decided);
        }
        print("legit customers not allowed, by reasons", report.legitNotAllowed());
        print("farm events allowed, by reasons", report.farmAllowed());
    }

    private static void print(String title, Map<String, Long> counts) {
        System.out.println("-- " + title + (counts.isEmpty() ? ": none" : ""));
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(20)
                .forEach(e -> System.out.printf(Locale.ROOT, "%,8d  %s%n", e.getValue(), e.getKey()));
    }

    /** The model's time, moved to each event's time before it is decided. */
    private static final class ModelClock extends Clock {
        private volatile Instant now;

        ModelClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            if (instant.isAfter(now)) {
                now = instant;
            }
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
