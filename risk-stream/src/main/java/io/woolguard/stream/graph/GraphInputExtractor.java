package io.woolguard.stream.graph;

import io.woolguard.core.EntityType;
import io.woolguard.core.EventType;
import io.woolguard.core.LabelValue;
import io.woolguard.stream.FeatureInput;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Picks the inputs the graph needs straight from the event stream: coupon claims and labels on
 * accounts. (Edges come from the entity operator, which knows when an account is new to an identifier.)
 * Labels on other entity types do not flag clusters.
 */
public final class GraphInputExtractor implements FlatMapFunction<FeatureInput, GraphInput> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(FeatureInput in, Collector<GraphInput> out) {
        if (in.kind == FeatureInput.Kind.EVENT && in.eventType == EventType.COUPON_CLAIM && in.accountId != null) {
            out.collect(GraphInput.claim(in.accountId, in.eventTimeMillis, in.accountCreatedAtMillis));
        } else if (in.kind == FeatureInput.Kind.LABEL && in.labelEntityType == EntityType.ACCOUNT) {
            out.collect(GraphInput.label(in.labelEntityId, in.labelValue == LabelValue.FRAUD, in.eventTimeMillis));
        }
    }
}
