package io.woolguard.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.Decision;
import io.woolguard.core.Explanation;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.testing.EngineFixture;
import io.woolguard.core.testing.Events;
import io.woolguard.core.testing.MutableClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decision is acknowledged when {@code decide} returns: a child JVM decides and prints each
 * decision it got back, is killed with SIGKILL (no close, no shutdown hook), and every decision it
 * printed must then be found, unchanged, by an engine opened on its data directory, and deciding the
 * same event again must return it (idempotency across the kill).
 */
class DecisionLogKillIT {
    private static final int ACKNOWLEDGED = 3_000;

    @TempDir
    Path dir;

    /** The claim the child decides {@code i}-th: fifty accounts on seven devices, so that some are blocked. */
    static RiskEvent claim(int i) {
        return Events.claim("k-" + i, "u-" + i % 50, "d-" + i % 7, "203.0.113." + i % 11, EngineFixture.T0);
    }

    @Test
    void everyAcknowledgedDecision_survivesKillOfTheProcess() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DecidingProcess.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String[]> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKNOWLEDGED && (line = out.readLine()) != null) {
                if (line.matches("k-\\d+ [A-Z]+ \\d+")) { // anything else on stdout is not an acknowledgement
                    acknowledged.add(line.split(" "));
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL, also if reading failed
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child died");
        }
        assertEquals(ACKNOWLEDGED, acknowledged.size(), "the child acknowledged decisions before it was killed");

        int inSegments = 0;
        try (Stream<Path> files = Files.list(dir.resolve(DecisionLog.DIRECTORY))) {
            for (Path segment : files.filter(f -> f.toString().endsWith(LogSegment.SUFFIX)).toList()) {
                inSegments += LogSegment.read(segment).size();
            }
        }
        assertTrue(inSegments > 0, "the kill left decisions in the log for the next open to write to RocksDB");

        long blocked = 0;
        try (RiskEngine engine = EngineFixture.builder(dir, new MutableClock(EngineFixture.T0))
                .rules(EngineFixture.velocityPack()).build()) {
            for (int i = 0; i < acknowledged.size(); i++) {
                String[] ack = acknowledged.get(i);
                assertEquals("k-" + i, ack[0], "acknowledged in order");
                Explanation stored = engine.findDecision(ack[0]).orElseThrow(
                        () -> new AssertionError("acknowledged decision " + ack[0] + " was lost by the kill"));
                assertEquals(ack[1], stored.decision().outcome().name(), ack[0]);
                assertEquals(Integer.parseInt(ack[2]), stored.decision().score(), ack[0]);
                blocked += ack[1].equals("ALLOW") ? 0 : 1;
            }
            Decision again = engine.decide(claim(acknowledged.size() - 1));
            assertEquals(engine.findDecision("k-" + (acknowledged.size() - 1)).orElseThrow().decision(), again,
                    "the same event id returns the stored decision after the kill");
        }
        assertTrue(blocked > 0 && blocked < ACKNOWLEDGED, blocked + " not allowed: the decisions compared differ from each other");
    }
}
