package io.woolguard.stream.features;

import io.woolguard.stream.FeatureInput;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Lets through inputs that are on time or at most {@code allowedLateness} behind the watermark
 * (counted in {@code lateEventsAccepted}: they are still counted in every window that has not
 * expired yet) and diverts later ones to a side output, counting them in {@code lateEventsDropped}.
 */
public final class LateEventFilter extends ProcessFunction<FeatureInput, FeatureInput> {
    private static final long serialVersionUID = 1L;

    private final long allowedLatenessMillis;
    private final OutputTag<FeatureInput> lateTag;
    private transient Counter dropped;
    private transient Counter acceptedLate;

    public LateEventFilter(long allowedLatenessMillis, OutputTag<FeatureInput> lateTag) {
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.lateTag = lateTag;
    }

    @Override
    public void open(OpenContext openContext) {
        dropped = getRuntimeContext().getMetricGroup().counter("lateEventsDropped");
        acceptedLate = getRuntimeContext().getMetricGroup().counter("lateEventsAccepted");
    }

    /** Inputs dropped so far by this instance (also the {@code lateEventsDropped} metric). */
    public long droppedCount() {
        return dropped.getCount();
    }

    /** Late inputs still counted so far by this instance (also the {@code lateEventsAccepted} metric). */
    public long acceptedLateCount() {
        return acceptedLate.getCount();
    }

    @Override
    public void processElement(FeatureInput in, Context ctx, Collector<FeatureInput> out) {
        long watermark = ctx.timerService().currentWatermark();
        if (in.eventTimeMillis > watermark) {
            out.collect(in);
        } else if (watermark - in.eventTimeMillis <= allowedLatenessMillis) {
            acceptedLate.inc();
            out.collect(in);
        } else {
            dropped.inc();
            ctx.output(lateTag, in);
        }
    }
}
