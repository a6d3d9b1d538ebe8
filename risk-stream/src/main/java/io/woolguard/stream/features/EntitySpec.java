package io.woolguard.stream.features;

import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureNames;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which features one entity type has: windowed counts of claims / orders / low-price orders,
 * distinct counts of related accounts / devices / IPs, first-seen, and the campaign's per-minute
 * baseline. {@link #forType(EntityType)} holds the table the README documents.
 */
public final class EntitySpec implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a windowed count counts. */
    public enum Measure {
        CLAIMS(EntityObservation.CLAIM),
        ORDERS(EntityObservation.ORDER),
        LOW_PRICE_ORDERS(EntityObservation.LOW_PRICE_ORDER);

        final int flag;

        Measure(int flag) {
            this.flag = flag;
        }
    }

    /** What a distinct count counts. */
    public enum Member {
        ACCOUNTS('a'), DEVICES('d'), IPS('i');

        /** Prefix of the member key in the shared member store. */
        public final char prefix;

        Member(char prefix) {
            this.prefix = prefix;
        }

        String of(EntityObservation o) {
            return switch (this) {
                case ACCOUNTS -> o.accountId;
                case DEVICES -> o.deviceId;
                case IPS -> o.ip;
            };
        }
    }

    /** A windowed count feature. */
    public record Count(String name, Measure measure, WindowSpec window) implements Serializable {
    }

    /** Distinct counts of one member kind over several windows. */
    public record Distinct(Member member, List<String> names, List<WindowSpec> windows) implements Serializable {
    }

    private static final Map<EntityType, EntitySpec> SPECS = new EnumMap<>(EntityType.class);

    static {
        SPECS.put(EntityType.DEVICE, new EntitySpec(EntityType.DEVICE,
                List.of(new Count(FeatureNames.DEVICE_CLAIMS_1H, Measure.CLAIMS, WindowSpec.ONE_HOUR),
                        new Count(FeatureNames.DEVICE_CLAIMS_24H, Measure.CLAIMS, WindowSpec.ONE_DAY)),
                List.of(new Distinct(Member.ACCOUNTS,
                                List.of(FeatureNames.DEVICE_ACCOUNTS_1H, FeatureNames.DEVICE_ACCOUNTS_24H,
                                        FeatureNames.DEVICE_ACCOUNTS_7D),
                                List.of(WindowSpec.ONE_HOUR, WindowSpec.ONE_DAY, WindowSpec.SEVEN_DAYS)),
                        new Distinct(Member.IPS, List.of(FeatureNames.DEVICE_IPS_24H), List.of(WindowSpec.ONE_DAY))),
                FeatureNames.DEVICE_FIRST_SEEN, null, false));
        SPECS.put(EntityType.ACCOUNT, new EntitySpec(EntityType.ACCOUNT,
                List.of(new Count(FeatureNames.ACCOUNT_CLAIMS_1H, Measure.CLAIMS, WindowSpec.ONE_HOUR),
                        new Count(FeatureNames.ACCOUNT_CLAIMS_24H, Measure.CLAIMS, WindowSpec.ONE_DAY),
                        new Count(FeatureNames.ACCOUNT_ORDERS_24H, Measure.ORDERS, WindowSpec.ONE_DAY),
                        new Count(FeatureNames.ACCOUNT_LOW_PRICE_ORDERS_24H, Measure.LOW_PRICE_ORDERS, WindowSpec.ONE_DAY)),
                List.of(new Distinct(Member.DEVICES, List.of(FeatureNames.ACCOUNT_DEVICES_7D), List.of(WindowSpec.SEVEN_DAYS)),
                        new Distinct(Member.IPS, List.of(FeatureNames.ACCOUNT_IPS_24H), List.of(WindowSpec.ONE_DAY))),
                FeatureNames.ACCOUNT_FIRST_SEEN, FeatureNames.ACCOUNT_REGISTRATION_TO_FIRST_CLAIM_MINUTES, false));
        SPECS.put(EntityType.IP, network(EntityType.IP, FeatureNames.IP_ACCOUNTS_1H, FeatureNames.IP_ACCOUNTS_24H,
                FeatureNames.IP_CLAIMS_1M, FeatureNames.IP_CLAIMS_1H));
        SPECS.put(EntityType.SUBNET, network(EntityType.SUBNET, FeatureNames.SUBNET_ACCOUNTS_1H,
                FeatureNames.SUBNET_ACCOUNTS_24H, FeatureNames.SUBNET_CLAIMS_1M, FeatureNames.SUBNET_CLAIMS_1H));
        SPECS.put(EntityType.PHONE, identifier(EntityType.PHONE, FeatureNames.PHONE_ACCOUNTS_30D));
        SPECS.put(EntityType.EMAIL, identifier(EntityType.EMAIL, FeatureNames.EMAIL_ACCOUNTS_30D));
        SPECS.put(EntityType.ADDRESS, identifier(EntityType.ADDRESS, FeatureNames.ADDRESS_ACCOUNTS_30D));
        SPECS.put(EntityType.PAYMENT, identifier(EntityType.PAYMENT, FeatureNames.PAYMENT_ACCOUNTS_30D));
        SPECS.put(EntityType.CAMPAIGN, new EntitySpec(EntityType.CAMPAIGN,
                List.of(new Count(FeatureNames.CAMPAIGN_CLAIMS_1M, Measure.CLAIMS, WindowSpec.ONE_MINUTE)),
                List.of(), null, null, true));
    }

    private static EntitySpec network(EntityType type, String accounts1h, String accounts24h, String claims1m,
                                      String claims1h) {
        return new EntitySpec(type,
                List.of(new Count(claims1m, Measure.CLAIMS, WindowSpec.ONE_MINUTE),
                        new Count(claims1h, Measure.CLAIMS, WindowSpec.ONE_HOUR)),
                List.of(new Distinct(Member.ACCOUNTS, List.of(accounts1h, accounts24h),
                        List.of(WindowSpec.ONE_HOUR, WindowSpec.ONE_DAY))),
                null, null, false);
    }

    private static EntitySpec identifier(EntityType type, String accounts30d) {
        return new EntitySpec(type, List.of(),
                List.of(new Distinct(Member.ACCOUNTS, List.of(accounts30d), List.of(WindowSpec.THIRTY_DAYS))),
                null, null, false);
    }

    private final EntityType type;
    private final List<Count> counts;
    private final List<Distinct> distincts;
    private final String firstSeenName;
    private final String registrationToFirstClaimName;
    private final boolean campaign;
    private final List<String> featureNames;

    private EntitySpec(EntityType type, List<Count> counts, List<Distinct> distincts, String firstSeenName,
                       String registrationToFirstClaimName, boolean campaign) {
        this.type = type;
        this.counts = counts;
        this.distincts = distincts;
        this.firstSeenName = firstSeenName;
        this.registrationToFirstClaimName = registrationToFirstClaimName;
        this.campaign = campaign;
        List<String> names = new ArrayList<>();
        counts.forEach(c -> names.add(c.name()));
        distincts.forEach(d -> names.addAll(d.names()));
        if (firstSeenName != null) {
            names.add(firstSeenName);
        }
        if (registrationToFirstClaimName != null) {
            names.add(registrationToFirstClaimName);
        }
        if (campaign) {
            names.add(io.woolguard.core.FeatureNames.CAMPAIGN_CLAIMS_BASELINE_1M);
        }
        this.featureNames = Collections.unmodifiableList(names);
    }

    /** The spec of an entity type. */
    public static EntitySpec forType(EntityType type) {
        EntitySpec spec = SPECS.get(type);
        if (spec == null) {
            throw new IllegalArgumentException("no stream features for entity type " + type);
        }
        return spec;
    }

    public EntityType type() { return type; }
    public List<Count> counts() { return counts; }
    public List<Distinct> distincts() { return distincts; }
    public String firstSeenName() { return firstSeenName; }
    public String registrationToFirstClaimName() { return registrationToFirstClaimName; }

    /**
     * True for the campaign: a hot key by nature (every claim of a promotion), so its values are
     * emitted once per 5 s bucket on an event-time timer instead of on every claim; the engine's LIVE
     * campaign counters cover the sub-second view.
     */
    public boolean isCampaign() { return campaign; }

    /** Every feature name, in slot order (the order of {@link EntityState#values}). */
    public List<String> featureNames() { return featureNames; }
}
