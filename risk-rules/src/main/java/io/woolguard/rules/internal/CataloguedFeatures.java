package io.woolguard.rules.internal;

import io.woolguard.core.FeatureNames;
import io.woolguard.core.FeatureVector;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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
 * Immutable and thread-safe.
 */
public abstract class CataloguedFeatures {
    private static final Map<String, String> PROPERTIES = properties();

    private final FeatureVector vector;

    protected CataloguedFeatures(FeatureVector vector) {
        this.vector = Objects.requireNonNull(vector, "vector");
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
        return vector.get(FeatureNames.DEVICE_ACCOUNTS_1H);
    }

    /** {@code num("device.accounts_24h")}. */
    public final double getDevice_accounts_24h() {
        return vector.get(FeatureNames.DEVICE_ACCOUNTS_24H);
    }

    /** {@code num("device.accounts_7d")}. */
    public final double getDevice_accounts_7d() {
        return vector.get(FeatureNames.DEVICE_ACCOUNTS_7D);
    }

    /** {@code num("device.claims_1h")}. */
    public final double getDevice_claims_1h() {
        return vector.get(FeatureNames.DEVICE_CLAIMS_1H);
    }

    /** {@code num("device.claims_24h")}. */
    public final double getDevice_claims_24h() {
        return vector.get(FeatureNames.DEVICE_CLAIMS_24H);
    }

    /** {@code num("device.ips_24h")}. */
    public final double getDevice_ips_24h() {
        return vector.get(FeatureNames.DEVICE_IPS_24H);
    }

    /** {@code num("device.first_seen")}. */
    public final double getDevice_first_seen() {
        return vector.get(FeatureNames.DEVICE_FIRST_SEEN);
    }

    /** {@code num("account.claims_1h")}. */
    public final double getAccount_claims_1h() {
        return vector.get(FeatureNames.ACCOUNT_CLAIMS_1H);
    }

    /** {@code num("account.claims_24h")}. */
    public final double getAccount_claims_24h() {
        return vector.get(FeatureNames.ACCOUNT_CLAIMS_24H);
    }

    /** {@code num("account.orders_24h")}. */
    public final double getAccount_orders_24h() {
        return vector.get(FeatureNames.ACCOUNT_ORDERS_24H);
    }

    /** {@code num("account.low_price_orders_24h")}. */
    public final double getAccount_low_price_orders_24h() {
        return vector.get(FeatureNames.ACCOUNT_LOW_PRICE_ORDERS_24H);
    }

    /** {@code num("account.devices_7d")}. */
    public final double getAccount_devices_7d() {
        return vector.get(FeatureNames.ACCOUNT_DEVICES_7D);
    }

    /** {@code num("account.ips_24h")}. */
    public final double getAccount_ips_24h() {
        return vector.get(FeatureNames.ACCOUNT_IPS_24H);
    }

    /** {@code num("account.first_seen")}. */
    public final double getAccount_first_seen() {
        return vector.get(FeatureNames.ACCOUNT_FIRST_SEEN);
    }

    /** {@code num("account.registration_to_first_claim_minutes")}. */
    public final double getAccount_registration_to_first_claim_minutes() {
        return vector.get(FeatureNames.ACCOUNT_REGISTRATION_TO_FIRST_CLAIM_MINUTES);
    }

    /** {@code num("ip.accounts_1h")}. */
    public final double getIp_accounts_1h() {
        return vector.get(FeatureNames.IP_ACCOUNTS_1H);
    }

    /** {@code num("ip.accounts_24h")}. */
    public final double getIp_accounts_24h() {
        return vector.get(FeatureNames.IP_ACCOUNTS_24H);
    }

    /** {@code num("ip.claims_1m")}. */
    public final double getIp_claims_1m() {
        return vector.get(FeatureNames.IP_CLAIMS_1M);
    }

    /** {@code num("ip.claims_1h")}. */
    public final double getIp_claims_1h() {
        return vector.get(FeatureNames.IP_CLAIMS_1H);
    }

    /** {@code num("subnet.accounts_1h")}. */
    public final double getSubnet_accounts_1h() {
        return vector.get(FeatureNames.SUBNET_ACCOUNTS_1H);
    }

    /** {@code num("subnet.accounts_24h")}. */
    public final double getSubnet_accounts_24h() {
        return vector.get(FeatureNames.SUBNET_ACCOUNTS_24H);
    }

    /** {@code num("subnet.claims_1m")}. */
    public final double getSubnet_claims_1m() {
        return vector.get(FeatureNames.SUBNET_CLAIMS_1M);
    }

    /** {@code num("subnet.claims_1h")}. */
    public final double getSubnet_claims_1h() {
        return vector.get(FeatureNames.SUBNET_CLAIMS_1H);
    }

    /** {@code num("phone.accounts_30d")}. */
    public final double getPhone_accounts_30d() {
        return vector.get(FeatureNames.PHONE_ACCOUNTS_30D);
    }

    /** {@code num("email.accounts_30d")}. */
    public final double getEmail_accounts_30d() {
        return vector.get(FeatureNames.EMAIL_ACCOUNTS_30D);
    }

    /** {@code num("address.accounts_30d")}. */
    public final double getAddress_accounts_30d() {
        return vector.get(FeatureNames.ADDRESS_ACCOUNTS_30D);
    }

    /** {@code num("payment.accounts_30d")}. */
    public final double getPayment_accounts_30d() {
        return vector.get(FeatureNames.PAYMENT_ACCOUNTS_30D);
    }

    /** {@code num("campaign.claims_1m")}. */
    public final double getCampaign_claims_1m() {
        return vector.get(FeatureNames.CAMPAIGN_CLAIMS_1M);
    }

    /** {@code num("campaign.claims_baseline_1m")}. */
    public final double getCampaign_claims_baseline_1m() {
        return vector.get(FeatureNames.CAMPAIGN_CLAIMS_BASELINE_1M);
    }

    /** {@code num("graph.cluster_size")}. */
    public final double getGraph_cluster_size() {
        return vector.get(FeatureNames.GRAPH_CLUSTER_SIZE);
    }

    /** {@code num("graph.cluster_new_accounts_24h")}. */
    public final double getGraph_cluster_new_accounts_24h() {
        return vector.get(FeatureNames.GRAPH_CLUSTER_NEW_ACCOUNTS_24H);
    }

    /** {@code num("graph.cluster_claims_24h")}. */
    public final double getGraph_cluster_claims_24h() {
        return vector.get(FeatureNames.GRAPH_CLUSTER_CLAIMS_24H);
    }

    /** {@code num("graph.cluster_flagged")}. */
    public final double getGraph_cluster_flagged() {
        return vector.get(FeatureNames.GRAPH_CLUSTER_FLAGGED);
    }

    /** {@code num("device.live_claims_1m")}. */
    public final double getDevice_live_claims_1m() {
        return vector.get(FeatureNames.DEVICE_LIVE_CLAIMS_1M);
    }

    /** {@code num("device.live_claims_1h")}. */
    public final double getDevice_live_claims_1h() {
        return vector.get(FeatureNames.DEVICE_LIVE_CLAIMS_1H);
    }

    /** {@code num("account.live_claims_1m")}. */
    public final double getAccount_live_claims_1m() {
        return vector.get(FeatureNames.ACCOUNT_LIVE_CLAIMS_1M);
    }

    /** {@code num("account.live_claims_1h")}. */
    public final double getAccount_live_claims_1h() {
        return vector.get(FeatureNames.ACCOUNT_LIVE_CLAIMS_1H);
    }

    /** {@code num("ip.live_claims_1m")}. */
    public final double getIp_live_claims_1m() {
        return vector.get(FeatureNames.IP_LIVE_CLAIMS_1M);
    }

    /** {@code num("ip.live_claims_1h")}. */
    public final double getIp_live_claims_1h() {
        return vector.get(FeatureNames.IP_LIVE_CLAIMS_1H);
    }

    /** {@code num("subnet.live_claims_1m")}. */
    public final double getSubnet_live_claims_1m() {
        return vector.get(FeatureNames.SUBNET_LIVE_CLAIMS_1M);
    }

    /** {@code num("campaign.live_claims_1m")}. */
    public final double getCampaign_live_claims_1m() {
        return vector.get(FeatureNames.CAMPAIGN_LIVE_CLAIMS_1M);
    }

    /** {@code num("campaign.live_claims_1h")}. */
    public final double getCampaign_live_claims_1h() {
        return vector.get(FeatureNames.CAMPAIGN_LIVE_CLAIMS_1H);
    }

    /** {@code num("device.live_accounts_1h")}. */
    public final double getDevice_live_accounts_1h() {
        return vector.get(FeatureNames.DEVICE_LIVE_ACCOUNTS_1H);
    }

    /** {@code num("ip.live_accounts_1h")}. */
    public final double getIp_live_accounts_1h() {
        return vector.get(FeatureNames.IP_LIVE_ACCOUNTS_1H);
    }

    /** {@code num("subnet.live_accounts_1h")}. */
    public final double getSubnet_live_accounts_1h() {
        return vector.get(FeatureNames.SUBNET_LIVE_ACCOUNTS_1H);
    }

    /** {@code num("phone.live_accounts_24h")}. */
    public final double getPhone_live_accounts_24h() {
        return vector.get(FeatureNames.PHONE_LIVE_ACCOUNTS_24H);
    }

    /** {@code num("email.live_accounts_24h")}. */
    public final double getEmail_live_accounts_24h() {
        return vector.get(FeatureNames.EMAIL_LIVE_ACCOUNTS_24H);
    }

    /** {@code num("address.live_accounts_24h")}. */
    public final double getAddress_live_accounts_24h() {
        return vector.get(FeatureNames.ADDRESS_LIVE_ACCOUNTS_24H);
    }

    /** {@code num("payment.live_accounts_24h")}. */
    public final double getPayment_live_accounts_24h() {
        return vector.get(FeatureNames.PAYMENT_LIVE_ACCOUNTS_24H);
    }

    /** {@code num("account.age_hours")}. */
    public final double getAccount_age_hours() {
        return vector.get(FeatureNames.ACCOUNT_AGE_HOURS);
    }

    /** {@code num("phone.virtual_carrier")}. */
    public final double getPhone_virtual_carrier() {
        return vector.get(FeatureNames.PHONE_VIRTUAL_CARRIER);
    }

    /** {@code num("order.price_ratio")}. */
    public final double getOrder_price_ratio() {
        return vector.get(FeatureNames.ORDER_PRICE_RATIO);
    }

    /** {@code num("order.coupon_count")}. */
    public final double getOrder_coupon_count() {
        return vector.get(FeatureNames.ORDER_COUPON_COUNT);
    }

    /** {@code num("lists.watched")}. */
    public final double getLists_watched() {
        return vector.get(FeatureNames.LISTS_WATCHED);
    }

}
