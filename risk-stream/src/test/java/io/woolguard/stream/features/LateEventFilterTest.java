package io.woolguard.stream.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.woolguard.core.EventType;
import io.woolguard.core.RiskEvent;
import io.woolguard.stream.FeatureInput;
import io.woolguard.stream.FeatureJob;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class LateEventFilterTest {
    private static final long T = Instant.parse("2026-11-22T03:00:00Z").toEpochMilli();

    private static FeatureInput login(String id, long time) {
        return FeatureInput.fromEvent(RiskEvent.builder(id, EventType.LOGIN, "u1")
                .occurredAt(Instant.ofEpochMilli(time)).build());
    }

    @Test
    void filter_keepsOnTimeAndSlightlyLateInputsAndDivertsAndCountsTheRest() throws Exception {
        LateEventFilter filter = new LateEventFilter(60_000, FeatureJob.LATE_EVENTS);
        try (OneInputStreamOperatorTestHarness<FeatureInput, FeatureInput> harness =
                     ProcessFunctionTestHarnesses.forProcessFunction(filter)) {
            harness.processWatermark(T);
            for (FeatureInput in : List.of(login("on-time", T + 1), login("late-30s", T - 30_000),
                    login("late-60s", T - 60_000), login("late-61s", T - 61_000), login("late-1d", T - 86_400_000))) {
                harness.processElement(in, in.eventTimeMillis);
            }
            assertEquals(List.of("on-time", "late-30s", "late-60s"),
                    harness.extractOutputValues().stream().map(in -> in.eventId).collect(Collectors.toList()));
            assertEquals(List.of("late-61s", "late-1d"), harness.getSideOutput(FeatureJob.LATE_EVENTS).stream()
                    .map(StreamRecord::getValue).map(in -> in.eventId).collect(Collectors.toList()));
            assertEquals(2, filter.droppedCount());
            assertEquals(2, filter.acceptedLateCount());
        }
    }
}
