package io.woolguard.rules.internal;

import io.woolguard.core.FeatureNames;
import io.woolguard.core.FeatureVector;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every catalogued feature ({@link FeatureNames}) as a bean property of the {@code Features} fact,
 * so that the compiler can turn a condition on {@code num("device.accounts_24h")} into one on the
 * property {@code device_accounts_24h}: Drools shares, hashes and range-indexes property
 * constraints across rules, whereas it must run a method call with an argument in every rule that
 * has one, on every event. {@link ConditionRewriter} does the rewriting; analysts keep writing
 * {@code num("...")} (the sandbox allows only the methods {@code Features} itself declares).
 *
 * <p>Each getter reads exactly what {@code num(name)} reads: the value, or 0 when absent.
 * Immutable and thread-safe (a value is cached on its first read).
 */
public abstract class CataloguedFeatures {
    private static final Map<String, String> PROPERTIES = properties();

    /** How many getters there are (the slots of {@link #cache}). */
    private static final int SLOTS = 54;

    private final FeatureVector vector;
    /**
     * Values read so far, NaN until first read: several rules' constraints read the same feature, and a
     * slot read is cheaper than a map lookup. Racing first reads store the same value.
     */
    private double[] cache;

    protected CataloguedFeatures(FeatureVector vector) {
        this.vector = Objects.requireNonNull(vector, "vector");
    }

    private double value(int slot, String name) {
        double[] cache = this.cache;
        if (cache == null) {
            cache = new double[SLOTS];
            Arrays.fill(cache, Double.NaN);
            this.cache = cache;
        }
        double value = cache[slot];
        if (value != value) { // not read yet (or a NaN feature, which is simply read again)
            value = vector.get(name);
            cache[slot] = value;
        }
        return value;
    }

    /** The vector this view reads. */
    protected final FeatureVector vector() {
        return vector;
    }

    /**
     * The property that reads feature {@code name} (its dots replaced by underscores, e.g.
     * {@code device_accounts_24h}), or {@code null} when the name is not catalogued.
     */
    static String propertyOf(String name) {
        return PROPERTIES.get(name);
    }

    /** Catalogued feature name to property name, for every catalogued feature that has a getter here. */
    static Map<String, String> properties() {
        Map<String, String> byName = new HashMap<>();
        for (Field field : FeatureNames.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
                continue;
            }
            String name;
            try {
                name = (String) field.get(null);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            String property = name.replace('.', '_');
            try {
                Method getter = CataloguedFeatures.class.getMethod("get" + Character.toUpperCase(property.charAt(0)) + property.substring(1));
                if (getter.getReturnType() == double.class) {
                    byName.put(name, property);
                }
            } catch (NoSuchMethodException e) {
                // not catalogued here: conditions on it stay num("...") calls, correct but not indexed
            }
        }
        return Map.copyOf(byName);
    }

    /** {@code num("device.accounts_1h")}. */
    public final double getDevice_accounts_1h() {
        return value(0, FeatureNames.DEVICE_ACCOUNTS_1H);
    }

    /** {@code num("device.accounts_24h")}. */
    public final double getDevice_accounts_24h() {
        return value(1, FeatureNames.DEVICE_ACCOUNTS_24H);
    }

    /** {@code num("device.accounts_7d")}. */
    public final double getDevice_accounts_7d() {
        return value(2, FeatureNames.DEVICE_ACCOUNTS_7D);
    }

    /** {@code num("device.claims_1h")}. */
    public final double getDevice_claims_1h() {
        return value(3, FeatureNames.DEVICE_CLAIMS_1H);
    }

    /** {@code num("device.claims_24h")}. */
    public final double getDevice_claims_24h() {
        return value(4, FeatureNames.DEVICE_CLAIMS_24H);
    }

    /** {@code num("device.ips_24h")}. */
    public final double getDevice_ips_24h() {
        return value(5, FeatureNames.DEVICE_IPS_24H);
    }

    /** {@code num("device.first_seen")}. */
    public final double getDevice_first_seen() {
        return value(6, FeatureNames.DEVICE_FIRST_SEEN);
    }

    /** {@code num("account.claims_1h")}. */
    public final double getAccount_claims_1h() {
        return value(7, FeatureNames.ACCOUNT_CLAIMS_1H);
    }

    /** {@code num("account.claims_24h")}. */
    public final double getAccount_claims_24h() {
        return value(8, FeatureNames.ACCOUNT_CLAIMS_24H);
    }

    /** {@code num("account.orders_24h")}. */
    public final double getAccount_orders_24h() {
        return value(9, FeatureNames.ACCOUNT_ORDERS_24H);
    }

    /** {@code num("account.low_price_orders_24h")}. */
    public final double getAccount_low_price_orders_24h() {
        return value(10, FeatureNames.ACCOUNT_LOW_PRICE_ORDERS_24H);
    }

    /** {@code num("account.devices_7d")}. */
    public final double getAccount_devices_7d() {
        return value(11, FeatureNames.ACCOUNT_DEVICES_7D);
    }

    /** {@code num("account.ips_24h")}. */
    public final double getAccount_ips_24h() {
        return value(12, FeatureNames.ACCOUNT_IPS_24H);
    }

    /** {@code num("account.first_seen")}. */
    public final double getAccount_first_seen() {
        return value(13, FeatureNames.ACCOUNT_FIRST_SEEN);
    }

    /** {@code num("account.registration_to_first_claim_minutes")}. */
    public final double getAccount_registration_to_first_claim_minutes() {
        return value(14, FeatureNames.ACCOUNT_REGISTRATION_TO_FIRST_CLAIM_MINUTES);
    }

    /** {@code num("ip.accounts_1h")}. */
    public final double getIp_accounts_1h() {
        return value(15, FeatureNames.IP_ACCOUNTS_1H);
    }

    /** {@code num("ip.accounts_24h")}. */
    public final double getIp_accounts_24h() {
        return value(16, FeatureNames.IP_ACCOUNTS_24H);
    }

    /** {@code num("ip.claims_1m")}. */
    public final double getIp_claims_1m() {
        return value(17, FeatureNames.IP_CLAIMS_1M);
    }

    /** {@code num("ip.claims_1h")}. */
    public final double getIp_claims_1h() {
        return value(18, FeatureNames.IP_CLAIMS_1H);
    }

    /** {@code num("subnet.accounts_1h")}. */
    public final double getSubnet_accounts_1h() {
        return value(19, FeatureNames.SUBNET_ACCOUNTS_1H);
    }

    /** {@code num("subnet.accounts_24h")}. */
    public final double getSubnet_accounts_24h() {
        return value(20, FeatureNames.SUBNET_ACCOUNTS_24H);
    }

    /** {@code num("subnet.claims_1m")}. */
    public final double getSubnet_claims_1m() {
        return value(21, FeatureNames.SUBNET_CLAIMS_1M);
    }

    /** {@code num("subnet.claims_1h")}. */
    public final double getSubnet_claims_1h() {
        return value(22, FeatureNames.SUBNET_CLAIMS_1H);
    }

    /** {@code num("phone.accounts_30d")}. */
    public final double getPhone_accounts_30d() {
        return value(23, FeatureNames.PHONE_ACCOUNTS_30D);
    }

    /** {@code num("email.accounts_30d")}. */
    public final double getEmail_accounts_30d() {
        return value(24, FeatureNames.EMAIL_ACCOUNTS_30D);
    }

    /** {@code num("address.accounts_30d")}. */
    public final double getAddress_accounts_30d() {
        return value(25, FeatureNames.ADDRESS_ACCOUNTS_30D);
    }

    /** {@code num("payment.accounts_30d")}. */
    public final double getPayment_accounts_30d() {
        return value(26, FeatureNames.PAYMENT_ACCOUNTS_30D);
    }

    /** {@code num("campaign.claims_1m")}. */
    public final double getCampaign_claims_1m() {
        return value(27, FeatureNames.CAMPAIGN_CLAIMS_1M);
    }

    /** {@code num("campaign.claims_baseline_1m")}. */
    public final double getCampaign_claims_baseline_1m() {
        return value(28, FeatureNames.CAMPAIGN_CLAIMS_BASELINE_1M);
    }

    /** {@code num("graph.cluster_size")}. */
    public final double getGraph_cluster_size() {
        return value(29, FeatureNames.GRAPH_CLUSTER_SIZE);
    }

    /** {@code num("graph.cluster_new_accounts_24h")}. */
    public final double getGraph_cluster_new_accounts_24h() {
        return value(30, FeatureNames.GRAPH_CLUSTER_NEW_ACCOUNTS_24H);
    }

    /** {@code num("graph.cluster_claims_24h")}. */
    public final double getGraph_cluster_claims_24h() {
        return value(31, FeatureNames.GRAPH_CLUSTER_CLAIMS_24H);
    }

    /** {@code num("graph.cluster_flagged")}. */
    public final double getGraph_cluster_flagged() {
        return value(32, FeatureNames.GRAPH_CLUSTER_FLAGGED);
    }

    /** {@code num("device.live_claims_1m")}. */
    public final double getDevice_live_claims_1m() {
        return value(33, FeatureNames.DEVICE_LIVE_CLAIMS_1M);
    }

    /** {@code num("device.live_claims_1h")}. */
    public final double getDevice_live_claims_1h() {
        return value(34, FeatureNames.DEVICE_LIVE_CLAIMS_1H);
    }

    /** {@code num("account.live_claims_1m")}. */
    public final double getAccount_live_claims_1m() {
        return value(35, FeatureNames.ACCOUNT_LIVE_CLAIMS_1M);
    }

    /** {@code num("account.live_claims_1h")}. */
    public final double getAccount_live_claims_1h() {
        return value(36, FeatureNames.ACCOUNT_LIVE_CLAIMS_1H);
    }

    /** {@code num("ip.live_claims_1m")}. */
    public final double getIp_live_claims_1m() {
        return value(37, FeatureNames.IP_LIVE_CLAIMS_1M);
    }

    /** {@code num("ip.live_claims_1h")}. */
    public final double getIp_live_claims_1h() {
        return value(38, FeatureNames.IP_LIVE_CLAIMS_1H);
    }

    /** {@code num("subnet.live_claims_1m")}. */
    public final double getSubnet_live_claims_1m() {
        return value(39, FeatureNames.SUBNET_LIVE_CLAIMS_1M);
    }

    /** {@code num("campaign.live_claims_1m")}. */
    public final double getCampaign_live_claims_1m() {
        return value(40, FeatureNames.CAMPAIGN_LIVE_CLAIMS_1M);
    }

    /** {@code num("campaign.live_claims_1h")}. */
    public final double getCampaign_live_claims_1h() {
        return value(41, FeatureNames.CAMPAIGN_LIVE_CLAIMS_1H);
    }

    /** {@code num("device.live_accounts_1h")}. */
    public final double getDevice_live_accounts_1h() {
        return value(42, FeatureNames.DEVICE_LIVE_ACCOUNTS_1H);
    }

    /** {@code num("ip.live_accounts_1h")}. */
    public final double getIp_live_accounts_1h() {
        return value(43, FeatureNames.IP_LIVE_ACCOUNTS_1H);
    }

    /** {@code num("subnet.live_accounts_1h")}. */
    public final double getSubnet_live_accounts_1h() {
        return value(44, FeatureNames.SUBNET_LIVE_ACCOUNTS_1H);
    }

    /** {@code num("phone.live_accounts_24h")}. */
    public final double getPhone_live_accounts_24h() {
        return value(45, FeatureNames.PHONE_LIVE_ACCOUNTS_24H);
    }

    /** {@code num("email.live_accounts_24h")}. */
    public final double getEmail_live_accounts_24h() {
        return value(46, FeatureNames.EMAIL_LIVE_ACCOUNTS_24H);
    }

    /** {@code num("address.live_accounts_24h")}. */
    public final double getAddress_live_accounts_24h() {
        return value(47, FeatureNames.ADDRESS_LIVE_ACCOUNTS_24H);
    }

    /** {@code num("payment.live_accounts_24h")}. */
    public final double getPayment_live_accounts_24h() {
        return value(48, FeatureNames.PAYMENT_LIVE_ACCOUNTS_24H);
    }

    /** {@code num("account.age_hours")}. */
    public final double getAccount_age_hours() {
        return value(49, FeatureNames.ACCOUNT_AGE_HOURS);
    }

    /** {@code num("phone.virtual_carrier")}. */
    public final double getPhone_virtual_carrier() {
        return value(50, FeatureNames.PHONE_VIRTUAL_CARRIER);
    }

    /** {@code num("order.price_ratio")}. */
    public final double getOrder_price_ratio() {
        return value(51, FeatureNames.ORDER_PRICE_RATIO);
    }

    /** {@code num("order.coupon_count")}. */
    public final double getOrder_coupon_count() {
        return value(52, FeatureNames.ORDER_COUPON_COUNT);
    }

    /** {@code num("lists.watched")}. */
    public final double getLists_watched() {
        return value(53, FeatureNames.LISTS_WATCHED);
    }

}
