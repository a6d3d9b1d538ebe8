package io.woolguard.benchmarks.traffic;

import io.woolguard.core.EntityType;
import io.woolguard.core.EventType;
import io.woolguard.core.FeatureNames;
import io.woolguard.core.FeatureUpdate;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.PersonalDataHasher;
import io.woolguard.core.RiskEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stream features a batch of simulated events implies, computed offline in one pass: what the
 * feature job would have written after seeing them (distinct accounts per device, IP, /24 and
 * personal-data identifier; claims and orders per entity; linked-account cluster sizes by
 * union-find over shared devices, phones, addresses and payment instruments). Windows are not
 * modelled: the whole batch counts as "recent", which is what a warm store looks like during a farm
 * attack. Used to warm feature stores and to give rules realistic inputs.
 */
public final class SimulatedFeatures {
    private final Map<EntityType, Map<String, Map<String, Double>>> byEntity = new HashMap<>();
    private final long eventTimeMillis;

    private SimulatedFeatures(long eventTimeMillis) {
        this.eventTimeMillis = eventTimeMillis;
    }

    /**
     * Computes features over {@code events}, personal-data entities keyed by their hash under
     * {@code hasher} (the same key the engine uses, so the engine finds them).
     */
    public static SimulatedFeatures of(List<TrafficEvent> events, PersonalDataHasher hasher) {
        long last = 0;
        Map<EntityType, Map<String, Set<String>>> accounts = new HashMap<>();
        Map<String, Set<String>> devicesOfAccount = new HashMap<>();
        Map<String, Set<String>> ipsOfAccount = new HashMap<>();
        Map<String, Set<String>> ipsOfDevice = new HashMap<>();
        Map<EntityType, Map<String, Integer>> claims = new HashMap<>();
        Map<String, Integer> orders = new HashMap<>();
        Map<String, Integer> lowPriceOrders = new HashMap<>();
        UnionFind graph = new UnionFind();
        for (TrafficEvent traffic : events) {
            RiskEvent event = traffic.event().protect(hasher);
            if (event.occurredAt() != null) {
                last = Math.max(last, event.occurredAt().toEpochMilli());
            }
            String account = event.account().id();
            Map<EntityType, String> entities = event.entities();
            for (Map.Entry<EntityType, String> entity : entities.entrySet()) {
                if (entity.getKey() != EntityType.ACCOUNT && entity.getKey() != EntityType.CAMPAIGN) {
                    accounts.computeIfAbsent(entity.getKey(), k -> new HashMap<>())
                            .computeIfAbsent(entity.getValue(), k -> new HashSet<>()).add(account);
                }
                if (event.type() == EventType.COUPON_CLAIM) {
                    claims.computeIfAbsent(entity.getKey(), k -> new HashMap<>()).merge(entity.getValue(), 1, Integer::sum);
                }
                EntityType type = entity.getKey();
                if (type == EntityType.DEVICE || type == EntityType.PHONE || type == EntityType.ADDRESS
                        || type == EntityType.PAYMENT) {
                    graph.union("A:" + account, type.name() + ":" + entity.getValue());
                }
            }
            graph.find("A:" + account);
            String device = entities.get(EntityType.DEVICE);
            String ip = entities.get(EntityType.IP);
            if (device != null) {
                devicesOfAccount.computeIfAbsent(account, k -> new HashSet<>()).add(device);
                if (ip != null) {
                    ipsOfDevice.computeIfAbsent(device, k -> new HashSet<>()).add(ip);
                }
            }
            if (ip != null) {
                ipsOfAccount.computeIfAbsent(account, k -> new HashSet<>()).add(ip);
            }
            if (event.type() == EventType.ORDER) {
                orders.merge(account, 1, Integer::sum);
                if (event.order().priceRatio() < 0.10) {
                    lowPriceOrders.merge(account, 1, Integer::sum);
                }
            }
        }
        SimulatedFeatures features = new SimulatedFeatures(last);
        accounts.forEach((type, perEntity) -> perEntity.forEach((id, set) -> {
            double n = set.size();
            switch (type) {
                case DEVICE -> features.put(type, id, FeatureNames.DEVICE_ACCOUNTS_1H, n, FeatureNames.DEVICE_ACCOUNTS_24H, n,
                        FeatureNames.DEVICE_ACCOUNTS_7D, n);
                case IP -> features.put(type, id, FeatureNames.IP_ACCOUNTS_1H, n, FeatureNames.IP_ACCOUNTS_24H, n);
                case SUBNET -> features.put(type, id, FeatureNames.SUBNET_ACCOUNTS_1H, n, FeatureNames.SUBNET_ACCOUNTS_24H, n);
                case PHONE -> features.put(type, id, FeatureNames.PHONE_ACCOUNTS_30D, n);
                case EMAIL -> features.put(type, id, FeatureNames.EMAIL_ACCOUNTS_30D, n);
                case ADDRESS -> features.put(type, id, FeatureNames.ADDRESS_ACCOUNTS_30D, n);
                case PAYMENT -> features.put(type, id, FeatureNames.PAYMENT_ACCOUNTS_30D, n);
                default -> { }
            }
        }));
        claims.forEach((type, perEntity) -> perEntity.forEach((id, count) -> {
            double n = count;
            switch (type) {
                case DEVICE -> features.put(type, id, FeatureNames.DEVICE_CLAIMS_1H, n, FeatureNames.DEVICE_CLAIMS_24H, n);
                case ACCOUNT -> features.put(type, id, FeatureNames.ACCOUNT_CLAIMS_1H, n, FeatureNames.ACCOUNT_CLAIMS_24H, n);
                case IP -> features.put(type, id, FeatureNames.IP_CLAIMS_1H, n, FeatureNames.IP_CLAIMS_1M, Math.ceil(n / 60));
                case SUBNET -> features.put(type, id, FeatureNames.SUBNET_CLAIMS_1H, n,
                        FeatureNames.SUBNET_CLAIMS_1M, Math.ceil(n / 60));
                case CAMPAIGN -> features.put(type, id, FeatureNames.CAMPAIGN_CLAIMS_1M, Math.ceil(n / 60),
                        FeatureNames.CAMPAIGN_CLAIMS_BASELINE_1M, Math.ceil(n / 120));
                default -> { }
            }
        }));
        devicesOfAccount.forEach((id, set) -> features.put(EntityType.ACCOUNT, id, FeatureNames.ACCOUNT_DEVICES_7D, set.size()));
        ipsOfAccount.forEach((id, set) -> features.put(EntityType.ACCOUNT, id, FeatureNames.ACCOUNT_IPS_24H, set.size()));
        ipsOfDevice.forEach((id, set) -> features.put(EntityType.DEVICE, id, FeatureNames.DEVICE_IPS_24H, set.size()));
        orders.forEach((id, n) -> features.put(EntityType.ACCOUNT, id, FeatureNames.ACCOUNT_ORDERS_24H, n));
        lowPriceOrders.forEach((id, n) -> features.put(EntityType.ACCOUNT, id, FeatureNames.ACCOUNT_LOW_PRICE_ORDERS_24H, n));
        Map<String, Integer> clusterSizes = graph.accountClusterSizes();
        clusterSizes.forEach((node, size) -> features.put(EntityType.ACCOUNT, node.substring(2),
                FeatureNames.GRAPH_CLUSTER_SIZE, size));
        return features;
    }

    /** Every entity's features as upserts for {@code RiskEngine#applyFeatureUpdates}. */
    public List<FeatureUpdate> updates() {
        List<FeatureUpdate> updates = new ArrayList<>();
        byEntity.forEach((type, perEntity) -> perEntity.forEach((id, values) ->
                updates.add(new FeatureUpdate(type, id, values, eventTimeMillis))));
        return updates;
    }

    /**
     * What rules would see for one event: the stored features of every entity it names, plus the
     * features derived from the event itself (account age, virtual-carrier phone, price ratio,
     * coupon count).
     */
    public FeatureVector vectorFor(TrafficEvent traffic, PersonalDataHasher hasher) {
        RiskEvent event = traffic.event().protect(hasher);
        Map<String, Double> values = new LinkedHashMap<>();
        event.entities().forEach((type, id) -> {
            Map<String, Double> stored = byEntity.getOrDefault(type, Map.of()).get(id);
            if (stored != null) {
                values.putAll(stored);
            }
        });
        if (event.account().createdAt() != null && event.occurredAt() != null) {
            values.put(FeatureNames.ACCOUNT_AGE_HOURS,
                    Duration.between(event.account().createdAt(), event.occurredAt()).toMinutes() / 60.0);
        }
        if (traffic.phone() != null) {
            String prefix = traffic.phone().startsWith("+86") ? traffic.phone().substring(3, 6) : "";
            values.put(FeatureNames.PHONE_VIRTUAL_CARRIER, Set.of("170", "171", "162", "165", "167").contains(prefix) ? 1.0 : 0.0);
        }
        if (event.order() != null) {
            values.put(FeatureNames.ORDER_PRICE_RATIO, event.order().priceRatio());
            values.put(FeatureNames.ORDER_COUPON_COUNT, (double) event.order().couponIds().size());
        }
        return new FeatureVector(values);
    }

    /** How many entities have features. */
    public int entityCount() {
        return byEntity.values().stream().mapToInt(Map::size).sum();
    }

    private void put(EntityType type, String id, Object... nameValues) {
        Map<String, Double> values = byEntity.computeIfAbsent(type, k -> new HashMap<>()).computeIfAbsent(id, k -> new HashMap<>());
        for (int i = 0; i < nameValues.length; i += 2) {
            values.put((String) nameValues[i], ((Number) nameValues[i + 1]).doubleValue());
        }
    }

    /** Union-find with path halving and union by size over string nodes. */
    private static final class UnionFind {
        private final Map<String, String> parent = new HashMap<>();
        private final Map<String, Integer> size = new HashMap<>();

        String find(String node) {
            parent.putIfAbsent(node, node);
            size.putIfAbsent(node, 1);
            String current = node;
            while (!parent.get(current).equals(current)) {
                String grandparent = parent.get(parent.get(current));
                parent.put(current, grandparent);
                current = grandparent;
            }
            return current;
        }

        void union(String a, String b) {
            String ra = find(a);
            String rb = find(b);
            if (ra.equals(rb)) {
                return;
            }
            if (size.get(ra) < size.get(rb)) {
                String t = ra;
                ra = rb;
                rb = t;
            }
            parent.put(rb, ra);
            size.put(ra, size.get(ra) + size.get(rb));
        }

        /** Account node → number of accounts in its cluster. */
        Map<String, Integer> accountClusterSizes() {
            Map<String, Integer> accountsPerRoot = new HashMap<>();
            for (String node : parent.keySet()) {
                if (node.startsWith("A:")) {
                    accountsPerRoot.merge(find(node), 1, Integer::sum);
                }
            }
            Map<String, Integer> result = new HashMap<>();
            for (String node : new ArrayList<>(parent.keySet())) {
                if (node.startsWith("A:")) {
                    result.put(node, accountsPerRoot.get(find(node)));
                }
            }
            return result;
        }
    }
}
