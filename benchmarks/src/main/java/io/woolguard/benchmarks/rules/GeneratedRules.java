package io.woolguard.benchmarks.rules;

import io.woolguard.core.FeatureNames;
import io.woolguard.core.RulePack;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes rule packs of any size in the shape analysts write them: thresholds on stream and live
 * features, joined with event conditions (claim on a campaign, young account, deep discount with
 * stacked coupons, device flags), each with an id, a reason code and a message built from the
 * facts. Thresholds are drawn high enough that a few percent of ordinary traffic trips any one
 * rule, as in a tuned production pack. 100 rules per file, like topic files.
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

    private GeneratedRules() {
    }

    /**
     * A pack of {@code count} rules. {@code salt} changes a comment (and so the content hash) without
     * changing the rules, so that the same size can be uploaded as a new version.
     */
    public static RulePack pack(int count, long salt) {
        if (count < 1) {
            throw new IllegalArgumentException("a generated pack needs at least one rule, got " + count);
        }
        SplittableRandom random = new SplittableRandom(count * 31L + 17);
        Map<String, String> files = new TreeMap<>();
        StringBuilder drl = null;
        for (int i = 0; i < count; i++) {
            if (i % RULES_PER_FILE == 0) {
                if (drl != null) {
                    files.put(fileName(i / RULES_PER_FILE - 1), drl.toString());
                }
                drl = header(i / RULES_PER_FILE, salt);
            }
            drl.append(rule(i, random));
        }
        files.put(fileName((count - 1) / RULES_PER_FILE), drl.toString());
        return RulePack.ofText("generated-" + count, files);
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

    private static String rule(int i, SplittableRandom random) {
        String feature = COUNT_FEATURES[random.nextInt(COUNT_FEATURES.length)];
        int threshold = 8 + random.nextInt(40);
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
                when = "    e : Event(order, priceRatio < " + ratio + ", couponCount >= " + (2 + random.nextInt(3)) + ")\n";
                message = "\"order at \" + e.getPriceRatio() + \" of list price with \" + e.getCouponCount() + \" coupons\"";
            }
            case 3 -> {
                String other = COUNT_FEATURES[random.nextInt(COUNT_FEATURES.length)];
                when = "    f : Features(num(\"" + feature + "\") >= " + threshold + ", num(\"" + other + "\") >= "
                        + (3 + random.nextInt(20)) + ")\n";
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
                        + "    f : Features(num(\"" + feature + "\") >= " + (threshold / 4 + 1) + ")\n";
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
