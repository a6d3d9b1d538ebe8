package io.woolguard.core.internal.engine;

import io.woolguard.core.FeatureNames;
import java.util.Map;

/**
 * Raises stream features to at least their live counterpart.
 *
 * <p>A live counter over a shorter window is a lower bound of the stream feature over a longer one
 * (claims in the last hour ≤ claims in the last 24 hours). The stream's values arrive a few
 * milliseconds after an event, and not at all when the engine is embedded without the feature job,
 * so without this floor the 21st claim of a burst could read a stale {@code device.claims_1h} of 0.
 * Rules therefore read one name per measure and always see at least what the engine itself counted.
 */
final class LiveFloors {
    /** stream feature → the live counter that bounds it from below. */
    private static final Map<String, String> FLOORS = Map.ofEntries(
            Map.entry(FeatureNames.DEVICE_ACCOUNTS_1H, FeatureNames.DEVICE_LIVE_ACCOUNTS_1H),
            Map.entry(FeatureNames.DEVICE_ACCOUNTS_24H, FeatureNames.DEVICE_LIVE_ACCOUNTS_1H),
            Map.entry(FeatureNames.DEVICE_ACCOUNTS_7D, FeatureNames.DEVICE_LIVE_ACCOUNTS_1H),
            Map.entry(FeatureNames.DEVICE_CLAIMS_1H, FeatureNames.DEVICE_LIVE_CLAIMS_1H),
            Map.entry(FeatureNames.DEVICE_CLAIMS_24H, FeatureNames.DEVICE_LIVE_CLAIMS_1H),
            Map.entry(FeatureNames.ACCOUNT_CLAIMS_1H, FeatureNames.ACCOUNT_LIVE_CLAIMS_1H),
            Map.entry(FeatureNames.ACCOUNT_CLAIMS_24H, FeatureNames.ACCOUNT_LIVE_CLAIMS_1H),
            Map.entry(FeatureNames.IP_ACCOUNTS_1H, FeatureNames.IP_LIVE_ACCOUNTS_1H),
            Map.entry(FeatureNames.IP_ACCOUNTS_24H, FeatureNames.IP_LIVE_ACCOUNTS_1H),
            Map.entry(FeatureNames.IP_CLAIMS_1M, FeatureNames.IP_LIVE_CLAIMS_1M),
            Map.entry(FeatureNames.IP_CLAIMS_1H, FeatureNames.IP_LIVE_CLAIMS_1H),
            Map.entry(FeatureNames.SUBNET_ACCOUNTS_1H, FeatureNames.SUBNET_LIVE_ACCOUNTS_1H),
            Map.entry(FeatureNames.SUBNET_ACCOUNTS_24H, FeatureNames.SUBNET_LIVE_ACCOUNTS_1H),
            Map.entry(FeatureNames.SUBNET_CLAIMS_1M, FeatureNames.SUBNET_LIVE_CLAIMS_1M),
            Map.entry(FeatureNames.CAMPAIGN_CLAIMS_1M, FeatureNames.CAMPAIGN_LIVE_CLAIMS_1M),
            Map.entry(FeatureNames.PHONE_ACCOUNTS_30D, FeatureNames.PHONE_LIVE_ACCOUNTS_24H),
            Map.entry(FeatureNames.EMAIL_ACCOUNTS_30D, FeatureNames.EMAIL_LIVE_ACCOUNTS_24H),
            Map.entry(FeatureNames.ADDRESS_ACCOUNTS_30D, FeatureNames.ADDRESS_LIVE_ACCOUNTS_24H),
            Map.entry(FeatureNames.PAYMENT_ACCOUNTS_30D, FeatureNames.PAYMENT_LIVE_ACCOUNTS_24H));

    private LiveFloors() {
    }

    /** Raises every stream feature in {@code values} to at least its live counter (also in {@code values}). */
    static void apply(Map<String, Double> values) {
        for (Map.Entry<String, String> floor : FLOORS.entrySet()) {
            Double live = values.get(floor.getValue());
            if (live != null && live > 0) {
                values.merge(floor.getKey(), live, Math::max);
            }
        }
    }
}
