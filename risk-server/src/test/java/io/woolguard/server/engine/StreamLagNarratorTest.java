package io.woolguard.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamLagNarratorTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void quietWhileTheStreamKeepsUp() {
        StreamLagNarrator narrator = new StreamLagNarrator();

        assertEquals(Optional.empty(), narrator.observe(0, 0));
        assertEquals(Optional.empty(), narrator.observe(StreamLagNarrator.BEHIND - 1, 10 * SECOND));
        assertEquals(Optional.empty(), narrator.observe(3, 20 * SECOND));
    }

    @Test
    void saysWhenItFallsBehind_howFastItCatchesUp_andWhenItHasCaughtUp() {
        StreamLagNarrator narrator = new StreamLagNarrator();
        narrator.observe(0, 0);

        String behind = narrator.observe(52_000, 10 * SECOND).orElseThrow();
        assertTrue(behind.contains("52000 events behind") && behind.contains("features that are that many events old"), behind);

        String worse = narrator.observe(60_000, 20 * SECOND).orElseThrow();
        assertTrue(worse.contains("60000 events behind and not catching up (800 events/s more arrive"), worse);

        String catching = narrator.observe(20_000, 30 * SECOND).orElseThrow();
        assertTrue(catching.contains("20000 events behind, catching up at 4000 events/s: about 5 s to go"), catching);

        String caughtUp = narrator.observe(0, 35 * SECOND).orElseThrow();
        assertTrue(caughtUp.contains("caught up after 25.0 s (at most 60000 events behind)"), caughtUp);

        assertEquals(Optional.empty(), narrator.observe(10, 45 * SECOND), "and quiet again");
        assertTrue(narrator.observe(5_000, 55 * SECOND).orElseThrow().contains("5000 events behind:"),
                "a new episode is told from its start");
    }
}
