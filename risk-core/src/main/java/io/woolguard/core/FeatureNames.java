package io.woolguard.core;

import java.util.Map;

/**
 * Every feature name Woolguard computes (CONTRACT §6: {@code entity.measure_window}). Counts are
 * over sliding event-time windows; "distinct" counts are exact up to a bound, then approximate.
 * The README's feature table is generated from the same list: keep them in step.
 *
 * <p>Three sources fill them: {@code STREAM} (the Flink feature job, fresh within ~100 ms),
 * {@code LIVE} (velocity counters the engine updates synchronously on every decision, so a burst
 * sees itself), and {@code EVENT} (derived from the event itself at decision time).
 */
public final class FeatureNames {
    private FeatureNames() {
    }

    // --- device (STREAM)
    public static final String DEVICE_ACCOUNTS_1H = "device.accounts_1h";
    public static final String DEVICE_ACCOUNTS_24H = "device.accounts_24h";
    public static final String DEVICE_ACCOUNTS_7D = "device.accounts_7d";
    public static final String DEVICE_CLAIMS_1H = "device.claims_1h";
    public static final String DEVICE_CLAIMS_24H = "device.claims_24h";
    public static final String DEVICE_IPS_24H = "device.ips_24h";
    public static final String DEVICE_FIRST_SEEN = "device.first_seen";

    // --- account (STREAM)
    public static final String ACCOUNT_CLAIMS_1H = "account.claims_1h";
    public static final String ACCOUNT_CLAIMS_24H = "account.claims_24h";
    public static final String ACCOUNT_ORDERS_24H = "account.orders_24h";
    public static final String ACCOUNT_LOW_PRICE_ORDERS_24H = "account.low_price_orders_24h";
    public static final String ACCOUNT_DEVICES_7D = "account.devices_7d";
    public static final String ACCOUNT_IPS_24H = "account.ips_24h";
    public static final String ACCOUNT_FIRST_SEEN = "account.first_seen";
    public static final String ACCOUNT_REGISTRATION_TO_FIRST_CLAIM_MINUTES = "account.registration_to_first_claim_minutes";

    // --- ip and its /24 or /64 (STREAM)
    public static final String IP_ACCOUNTS_1H = "ip.accounts_1h";
    public static final String IP_ACCOUNTS_24H = "ip.accounts_24h";
    public static final String IP_CLAIMS_1M = "ip.claims_1m";
    public static final String IP_CLAIMS_1H = "ip.claims_1h";
    public static final String SUBNET_ACCOUNTS_1H = "subnet.accounts_1h";
    public static final String SUBNET_ACCOUNTS_24H = "subnet.accounts_24h";
    public static final String SUBNET_CLAIMS_1M = "subnet.claims_1m";
    public static final String SUBNET_CLAIMS_1H = "subnet.claims_1h";

    // --- personal-data identifiers (STREAM)
    public static final String PHONE_ACCOUNTS_30D = "phone.accounts_30d";
    public static final String EMAIL_ACCOUNTS_30D = "email.accounts_30d";
    public static final String ADDRESS_ACCOUNTS_30D = "address.accounts_30d";
    public static final String PAYMENT_ACCOUNTS_30D = "payment.accounts_30d";

    // --- campaign (STREAM)
    public static final String CAMPAIGN_CLAIMS_1M = "campaign.claims_1m";
    public static final String CAMPAIGN_CLAIMS_BASELINE_1M = "campaign.claims_baseline_1m";

    // --- graph: the account's linked-account cluster (STREAM, stored under the account)
    public static final String GRAPH_CLUSTER_SIZE = "graph.cluster_size";
    public static final String GRAPH_CLUSTER_NEW_ACCOUNTS_24H = "graph.cluster_new_accounts_24h";
    public static final String GRAPH_CLUSTER_CLAIMS_24H = "graph.cluster_claims_24h";
    public static final String GRAPH_CLUSTER_FLAGGED = "graph.cluster_flagged";

    // --- velocity counters updated synchronously by the engine (LIVE); include the current event
    public static final String DEVICE_LIVE_CLAIMS_1M = "device.live_claims_1m";
    public static final String DEVICE_LIVE_CLAIMS_1H = "device.live_claims_1h";
    public static final String ACCOUNT_LIVE_CLAIMS_1M = "account.live_claims_1m";
    public static final String ACCOUNT_LIVE_CLAIMS_1H = "account.live_claims_1h";
    public static final String IP_LIVE_CLAIMS_1M = "ip.live_claims_1m";
    public static final String IP_LIVE_CLAIMS_1H = "ip.live_claims_1h";
    public static final String SUBNET_LIVE_CLAIMS_1M = "subnet.live_claims_1m";
    public static final String CAMPAIGN_LIVE_CLAIMS_1M = "campaign.live_claims_1m";
    public static final String CAMPAIGN_LIVE_CLAIMS_1H = "campaign.live_claims_1h";
    public static final String DEVICE_LIVE_ACCOUNTS_1H = "device.live_accounts_1h";
    public static final String IP_LIVE_ACCOUNTS_1H = "ip.live_accounts_1h";
    public static final String SUBNET_LIVE_ACCOUNTS_1H = "subnet.live_accounts_1h";
    public static final String PHONE_LIVE_ACCOUNTS_24H = "phone.live_accounts_24h";
    public static final String EMAIL_LIVE_ACCOUNTS_24H = "email.live_accounts_24h";
    public static final String ADDRESS_LIVE_ACCOUNTS_24H = "address.live_accounts_24h";
    public static final String PAYMENT_LIVE_ACCOUNTS_24H = "payment.live_accounts_24h";

    // --- derived from the event at decision time (EVENT)
    /** Hours from {@code account.createdAt} to the event; absent when the storefront did not say. */
    public static final String ACCOUNT_AGE_HOURS = "account.age_hours";
    /** 1 when the phone number is in a virtual-carrier range (China: 170, 171, 162, 165, 167). */
    public static final String PHONE_VIRTUAL_CARRIER = "phone.virtual_carrier";
    /** order.amount / order.listPrice. */
    public static final String ORDER_PRICE_RATIO = "order.price_ratio";
    /** How many coupons the order applies. */
    public static final String ORDER_COUPON_COUNT = "order.coupon_count";
    /** 1 when an entity of the event is on the WATCH list. */
    public static final String LISTS_WATCHED = "lists.watched";

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    /** The stream's windowed counts and their windows. */
    private static final Map<String, Long> STREAM_WINDOWS = Map.ofEntries(
            Map.entry(IP_CLAIMS_1M, MINUTE), Map.entry(SUBNET_CLAIMS_1M, MINUTE), Map.entry(CAMPAIGN_CLAIMS_1M, MINUTE),
            Map.entry(DEVICE_ACCOUNTS_1H, HOUR), Map.entry(DEVICE_CLAIMS_1H, HOUR), Map.entry(ACCOUNT_CLAIMS_1H, HOUR),
            Map.entry(IP_ACCOUNTS_1H, HOUR), Map.entry(IP_CLAIMS_1H, HOUR), Map.entry(SUBNET_ACCOUNTS_1H, HOUR),
            Map.entry(SUBNET_CLAIMS_1H, HOUR),
            Map.entry(DEVICE_ACCOUNTS_24H, DAY), Map.entry(DEVICE_CLAIMS_24H, DAY), Map.entry(DEVICE_IPS_24H, DAY),
            Map.entry(ACCOUNT_CLAIMS_24H, DAY), Map.entry(ACCOUNT_ORDERS_24H, DAY),
            Map.entry(ACCOUNT_LOW_PRICE_ORDERS_24H, DAY), Map.entry(ACCOUNT_IPS_24H, DAY),
            Map.entry(IP_ACCOUNTS_24H, DAY), Map.entry(SUBNET_ACCOUNTS_24H, DAY),
            Map.entry(GRAPH_CLUSTER_NEW_ACCOUNTS_24H, DAY), Map.entry(GRAPH_CLUSTER_CLAIMS_24H, DAY),
            Map.entry(DEVICE_ACCOUNTS_7D, 7 * DAY), Map.entry(ACCOUNT_DEVICES_7D, 7 * DAY),
            Map.entry(PHONE_ACCOUNTS_30D, 30 * DAY), Map.entry(EMAIL_ACCOUNTS_30D, 30 * DAY),
            Map.entry(ADDRESS_ACCOUNTS_30D, 30 * DAY), Map.entry(PAYMENT_ACCOUNTS_30D, 30 * DAY));

    /**
     * The sliding window of a stream count, in milliseconds, or 0 for a feature that is not a
     * windowed stream count (first sightings, the campaign baseline, cluster size and flags, live
     * and event features).
     */
    public static long streamWindowMillis(String name) {
        Long window = STREAM_WINDOWS.get(name);
        return window == null ? 0L : window;
    }
}
