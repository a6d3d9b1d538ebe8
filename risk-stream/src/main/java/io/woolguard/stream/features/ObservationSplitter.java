package io.woolguard.stream.features;

import io.woolguard.core.EntityType;
import io.woolguard.core.EventType;
import io.woolguard.stream.FeatureInput;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Turns one event into one {@link EntityObservation} per entity it names; labels produce none. */
public final class ObservationSplitter implements FlatMapFunction<FeatureInput, EntityObservation> {
    private static final long serialVersionUID = 1L;

    private final double lowPriceRatio;

    public ObservationSplitter(double lowPriceRatio) {
        this.lowPriceRatio = lowPriceRatio;
    }

    @Override
    public void flatMap(FeatureInput in, Collector<EntityObservation> out) {
        if (in.kind != FeatureInput.Kind.EVENT || in.accountId == null) {
            return;
        }
        int flags = 0;
        if (in.eventType == EventType.COUPON_CLAIM) {
            flags |= EntityObservation.CLAIM;
        } else if (in.eventType == EventType.ORDER) {
            flags |= EntityObservation.ORDER;
            if (in.isLowPriceOrder(lowPriceRatio)) {
                flags |= EntityObservation.LOW_PRICE_ORDER;
            }
        }
        EntityObservation account = observation(in, EntityType.ACCOUNT, in.accountId, flags);
        account.deviceId = in.deviceId;
        account.ip = in.ip;
        out.collect(account);
        if (in.deviceId != null) {
            EntityObservation device = observation(in, EntityType.DEVICE, in.deviceId, flags);
            device.accountId = in.accountId;
            device.ip = in.ip;
            out.collect(device);
        }
        if (in.ip != null) {
            out.collect(withAccount(in, EntityType.IP, in.ip, flags));
        }
        if (in.subnet != null) {
            out.collect(withAccount(in, EntityType.SUBNET, in.subnet, flags));
        }
        if (in.phoneHash != null) {
            out.collect(withAccount(in, EntityType.PHONE, in.phoneHash, 0));
        }
        if (in.emailHash != null) {
            out.collect(withAccount(in, EntityType.EMAIL, in.emailHash, 0));
        }
        if (in.addressHash != null) {
            out.collect(withAccount(in, EntityType.ADDRESS, in.addressHash, 0));
        }
        if (in.paymentHash != null) {
            out.collect(withAccount(in, EntityType.PAYMENT, in.paymentHash, 0));
        }
        if (in.campaignId != null && (flags & EntityObservation.CLAIM) != 0) {
            out.collect(observation(in, EntityType.CAMPAIGN, in.campaignId, EntityObservation.CLAIM));
        }
    }

    private static EntityObservation withAccount(FeatureInput in, EntityType type, String id, int flags) {
        EntityObservation o = observation(in, type, id, flags);
        o.accountId = in.accountId;
        return o;
    }

    private static EntityObservation observation(FeatureInput in, EntityType type, String id, int flags) {
        EntityObservation o = new EntityObservation(type, id, in.eventTimeMillis, flags);
        o.accountCreatedAtMillis = in.accountCreatedAtMillis;
        return o;
    }
}
