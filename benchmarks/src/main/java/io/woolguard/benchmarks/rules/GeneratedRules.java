package io.woolguard.benchmarks.rules;

import io.woolguard.core.Coupon;
import io.woolguard.core.Device;
import io.woolguard.core.EventType;
import io.woolguard.core.FeatureNames;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.Order;
import io.woolguard.core.Platform;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.RulePack;
import io.woolguard.core.spi.RuleInput;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Writes rule packs of any size in the shape analysts write them: thresholds on stream and live
 * features, joined with event conditions (claim on a campaign, young account, deep discount with
 * stacked coupons, device flags), each with an id, a reason code and a message built from the
 * facts. 100 rules per file, like topic files.
 *
 * <p>How often the rules fire as the pack grows is chosen by {@link Firing}: with
 * {@link Firing#PROPORTIONAL} every rule's thresholds are drawn so that a few percent of ordinary
 * traffic trips it, as in a tuned production pack, so a pack of 1,000 fires ~80 times as often as a
 * pack of 10; with {@link Firing#CONSTANT} a pack holds the same 10 live rules as the 10-rule pack and
 * every further rule has the same shape but thresholds above what the simulated traffic reaches (or
 * just at its extremes), so firings per event stay about those of 10 rules while the rules, and every
 * constraint Drools holds and evaluates, grow. {@link #probes()} are events that fire every rule of
 * either kind: each one can fire.
 */
public final class GeneratedRules {
    private static final String[] COUNT_FEATURES = {
        FeatureNames.DEVICE_ACCOUNTS_24H, FeatureNames.DEVICE_ACCOUNTS_1H, FeatureNames.DEVICE_CLAIMS_1H,
        FeatureNames.DEVICE_IPS_24H, FeatureNames.ACCOUNT_CLAIMS_24H, FeatureNames.ACCOUNT_DEVICES_7D,
        FeatureNames.ACCOUNT_IPS_24H, FeatureNames.IP_ACCOUNTS_1H, FeatureNames.IP_ACCOUNTS_24H,
        FeatureNames.SUBNET_ACCOUNTS_24H, FeatureNames.PHONE_ACCOUNTS_30D, FeatureNames.ADDRESS_ACCOUNTS_30D,
        FeatureNames.PAYMENT_ACCOUNTS_30D, FeatureNames.GRAPH_CLUSTER_SIZE, FeatureNames.DEVICE_LIVE_CLAIMS_1M,
        FeatureNames.ACCOUNT_LIVE_CLAIMS_1H, FeatureNames.IP_LIVE_CLAIMS_1M, FeatureNames.CAMPAIGN_LIVE_CLAIMS_1M
    };
    private static final String[] CAMPAIGNS = {"double11-mega", "newuser-gift", "flash-50off", "member-day", "night-market"};
    private static final int RULES_PER_FILE = 100;
    /** The live rules of a {@link Firing#CONSTANT} pack: those of the 10-rule pack. */
    private static final int LIVE_RULES = 10;
    /**
     * Where a {@link Firing#CONSTANT} pack's further rules draw feature thresholds from: above every
     * count the simulated traffic reaches (device and subnet counts up to 67) except the largest graph
     * clusters (194), which a few of them catch now and then.
     */
    private static final int HIGH_THRESHOLD = 150;
    private static final int HIGH_THRESHOLD_SPREAD = 1_000;
    /** A count every threshold lies below: what the {@link #probes()} give every counted feature. */
    private static final double PROBE_COUNT = 1_000_000;

    /** How often a generated pack's rules fire as it grows. */
    public enum Firing {
        /** Every rule tuned to fire on a few percent of traffic: firings grow with the rules. */
        PROPORTIONAL,
        /**
         * The 10-rule pack's rules, then rules of the same shapes whose thresholds lie above (nearly) all
         * of the simulated traffic: firings stay about those of 10 rules.
         */
        CONSTANT;

        /** The constant named {@code name}, in any case ({@code "constant"}, as a JMH parameter). */
        public static Firing of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private GeneratedRules() {
    }

    /**
     * A pack of {@code count} rules. {@code salt} changes a comment (and so the content hash) without
     * changing the rules, so that the same size can be uploaded as a new version.
     */
    public static RulePack pack(int count, long salt) {
        return pack(count, salt, Firing.PROPORTIONAL);
    }

    /**
     * A pack of {@code count} rules whose firings grow with it as {@code firing} says (a
     * {@link Firing#CONSTANT} pack of 10 or fewer rules is the {@link Firing#PROPORTIONAL} one).
     */
    public static RulePack pack(int count, long salt, Firing firing) {
        if (count < 1) {
            throw new IllegalArgumentException("a generated pack needs at least one rule, got " + count);
        }
        boolean constant = firing == Firing.CONSTANT && count > LIVE_RULES;
        SplittableRandom random = new SplittableRandom((constant ? LIVE_RULES : count) * 31L + 17);
        SplittableRandom high = new SplittableRandom(count * 37L + 5);
        Map<String, String> files = new TreeMap<>();
        StringBuilder drl = null;
        for (int i = 0; i < count; i++) {
            if (i % RULES_PER_FILE == 0) {
                if (drl != null) {
                    files.put(fileName(i / RULES_PER_FILE - 1), drl.toString());
                }
                drl = header(i / RULES_PER_FILE, salt);
            }
            drl.append(constant && i >= LIVE_RULES ? rule(i, high, true) : rule(i, random, false));
        }
        files.put(fileName((count - 1) / RULES_PER_FILE), drl.toString());
        return RulePack.ofText("generated-" + count + (constant ? "-constant" : ""), files);
    }

    /**
     * Events that together fire every rule of any generated pack: a claim on each campaign and an order,
     * from a one-hour-old account on an emulated, rooted and hooked device, with every counted feature at
     * {@value #PROBE_COUNT}, the order at a hundred-thousandth of its list price with 9 stacked coupons.
     */
    public static List<RuleInput> probes() {
        Map<String, Double> counts = new HashMap<>();
        for (String feature : COUNT_FEATURES) {
            counts.put(feature, PROBE_COUNT);
        }
        FeatureVector features = new FeatureVector(counts);
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        Device device = new Device("probe-device", Platform.ANDROID, true, true, true, "probe", "Asia/Shanghai");
        List<RuleInput> probes = new ArrayList<>();
        for (String campaign : CAMPAIGNS) {
            RiskEvent claim = probe("probe-claim-" + campaign, EventType.COUPON_CLAIM, now, device)
                    .coupon(new Coupon(campaign, "probe-coupon", new BigDecimal("20"), "CNY")).build();
            probes.add(new RuleInput(claim, features));
        }
        List<String> coupons = IntStream.range(0, 9).mapToObj(c -> "probe-coupon-" + c).toList();
        RiskEvent order = probe("probe-order", EventType.ORDER, now, device)
                .order(new Order("probe-order", new BigDecimal("0.01"), new BigDecimal("1000"), "CNY", 1, coupons, null, null))
                .build();
        probes.add(new RuleInput(order, features));
        return probes;
    }

    private static RiskEvent.Builder probe(String eventId, EventType type, Instant now, Device device) {
        return RiskEvent.builder(eventId, type, "probe-account").occurredAt(now).accountCreatedAt(now.minusSeconds(3_600))
                .device(device).ip("192.0.2.1");
    }

    private static String fileName(int index) {
        return String.format(Locale.ROOT, "generated/rules-%03d.drl", index);
    }

    private static StringBuilder header(int file, long salt) {
        return new StringBuilder()
                .append("// generated for benchmarks, file ").append(file).append(", salt ").append(salt).append('\n')
                .append("package rules.generated.f").append(file).append(";\n\n")
                .append("import io.woolguard.rules.Event;\n")
                .append("import io.woolguard.rules.Features;\n\n")
                .append("global io.woolguard.rules.Hits hits;\n\n");
    }

    /**
     * Rule {@code i}; {@code high}: thresholds above (nearly) all simulated traffic: feature counts from
     * {@value #HIGH_THRESHOLD}, orders with more stacked coupons (5-7) than farms stack (2-4).
     */
    private static String rule(int i, SplittableRandom random, boolean high) {
        String feature = COUNT_FEATURES[random.nextInt(COUNT_FEATURES.length)];
        int threshold = high ? HIGH_THRESHOLD + random.nextInt(HIGH_THRESHOLD_SPREAD) : 8 + random.nextInt(40);
        int score = 5 + random.nextInt(30);
        String code = "GENERATED_SIGNAL_" + i;
        String when;
        String message;
        switch (i % 5) {
            case 0 -> {
                String campaign = CAMPAIGNS[random.nextInt(CAMPAIGNS.length)];
                when = "    e : Event(claim, campaignId == \"" + campaign + "\")\n"
                        + "    f : Features(num(\"" + feature + "\") >= " + threshold + ")\n";
                message = "\"claim on \" + e.getCampaignId() + \" with " + feature + " = \" + f.count(\"" + feature + "\")";
            }
            case 1 -> {
                int hours = 6 + random.nextInt(160);
                when = "    e : Event(accountAgeKnown, accountAgeHours < " + hours + ")\n"
                        + "    f : Features(num(\"" + feature + "\") >= " + threshold + ")\n";
                message = "\"account \" + Math.round(e.getAccountAgeHours()) + \"h old with " + feature + " = \" + f.count(\""
                        + feature + "\")";
            }
            case 2 -> {
                String ratio = String.format(Locale.ROOT, "%.2f", 0.02 + random.nextInt(10) / 100.0);
                when = "    e : Event(order, priceRatio < " + ratio + ", couponCount >= " + ((high ? 5 : 2) + random.nextInt(3)) + ")\n";
                message = "\"order at \" + e.getPriceRatio() + \" of list price with \" + e.getCouponCount() + \" coupons\"";
            }
            case 3 -> {
                String other = COUNT_FEATURES[random.nextInt(COUNT_FEATURES.length)];
                int otherThreshold = high ? HIGH_THRESHOLD + random.nextInt(HIGH_THRESHOLD_SPREAD) : 3 + random.nextInt(20);
                when = "    f : Features(num(\"" + feature + "\") >= " + threshold + ", num(\"" + other + "\") >= "
                        + otherThreshold + ")\n";
                message = "\"" + feature + " = \" + f.count(\"" + feature + "\") + \", " + other + " = \" + f.count(\"" + other
                        + "\")";
            }
            default -> {
                String flag = switch (random.nextInt(3)) {
                    case 0 -> "emulator";
                    case 1 -> "rooted";
                    default -> "hooked";
                };
                when = "    e : Event(" + flag + ")\n"
                        + "    f : Features(num(\"" + feature + "\") >= " + (high ? threshold : threshold / 4 + 1) + ")\n";
                message = "\"" + flag + " device \" + e.getDeviceId() + \" with " + feature + " = \" + f.count(\"" + feature + "\")";
            }
        }
        return "rule \"Generated rule " + i + "\"\n"
                + "    @id(\"gen-" + i + "\")\n"
                + "when\n" + when
                + "then\n"
                + "    hits.add(" + score + ", \"" + code + "\", " + message + ");\n"
                + "end\n\n";
    }
}
