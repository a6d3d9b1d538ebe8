package io.woolguard.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.Coupon;
import io.woolguard.core.Device;
import io.woolguard.core.EntityType;
import io.woolguard.core.EventType;
import io.woolguard.core.FeatureNames;
import io.woolguard.core.Label;
import io.woolguard.core.LabelValue;
import io.woolguard.core.PersonalDataHasher;
import io.woolguard.core.PersonalDataKind;
import io.woolguard.core.RiskEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole feature job on a MiniCluster at parallelism 2 with RocksDB state and checkpoints: a
 * device farm, twenty ordinary users and one event far too late, through a bounded FLIP-27 source.
 * End of input advances the watermark to the end of time, so every window also slides out.
 */
class FeatureJobIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
    private static final PersonalDataHasher HASHER = PersonalDataHasher.withSecret("feature-job-it-secret-key");
    private static final String FARM_PHONE = "+8617000000001";
    static final List<FeatureInput> ELEMENTS = new ArrayList<>();

    @TempDir
    static Path checkpoints;

    private static List<FeatureOutput> outputs;
    private static List<FeatureInput> late;

    private static FeatureInput claim(String account, Instant at, String device, String ip, String phone) {
        RiskEvent.Builder b = RiskEvent.builder("e-" + ELEMENTS.size(), EventType.COUPON_CLAIM, account)
                .occurredAt(at).accountCreatedAt(T0.minus(Duration.ofHours(3)))
                .coupon(new Coupon("double11", null, new BigDecimal("20.00"), "CNY"));
        if (device != null) {
            b.device(Device.of(device));
        }
        b.ip(ip);
        b.phone(phone);
        return FeatureInput.fromEvent(b.build().protect(HASHER));
    }

    private static FeatureInput login(String account, Instant at) {
        return FeatureInput.fromEvent(RiskEvent.builder("l-" + at.toEpochMilli(), EventType.LOGIN, account)
                .occurredAt(at).build());
    }

    @BeforeAll
    static void runJob() throws Exception {
        List<FeatureInput> farm = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 1; i <= 6; i++) {
                Instant at = T0.plusSeconds(round * 60L + (i - 1) * 10L);
                farm.add(claim("f" + i, at, "farm-d", "203.0.113.7", i <= 3 ? FARM_PHONE : null));
            }
        }
        farm.add(FeatureInput.fromLabel(new Label(EntityType.ACCOUNT, "f1", LabelValue.FRAUD, "analyst", null,
                T0.plusSeconds(180))));
        List<FeatureInput> ordinary = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            ordinary.add(claim("n" + i, T0.plusSeconds(i * 15L), "dev-n" + i, "198.51.100." + i, null));
        }
        for (int i = 0; farm.size() < ordinary.size() + 1; i++) {
            farm.add(login("filler", T0.plusSeconds(200 + i)));
        }
        // far later than the allowed lateness (5 min, below) behind this split's watermark: dropped and counted
        ordinary.add(claim("late-u", T0.minus(Duration.ofMinutes(10)), "late-d", "192.0.2.1", null));
        ELEMENTS.addAll(farm);
        ELEMENTS.addAll(ordinary);

        Configuration conf = FeatureJob.flinkConfiguration(checkpoints, Duration.ofMillis(500));
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(10));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        GeneratorFunction<Long, FeatureInput> byIndex = index -> ELEMENTS.get(index.intValue());
        DataGeneratorSource<FeatureInput> source = new DataGeneratorSource<>(byIndex, ELEMENTS.size(),
                RateLimiterStrategy.perSecond(200), TypeInformation.of(FeatureInput.class));
        CollectingSink<FeatureOutput> sink = new CollectingSink<>("features");
        CollectingSink<FeatureInput> lateSink = new CollectingSink<>("late");
        // Two splits, one per reader, usually; but a reader that finishes its split first may be handed the
        // other one too, and then reads the ordinary users (up to ~220 s of event time behind the farm's)
        // after the farm. A 5-minute allowed lateness keeps them counted either way, while the late event
        // (10 minutes before T0, read last) is behind any watermark by more than that.
        FeatureJob job = new FeatureJob(source, sink, FeatureJobConfig.builder().allowedLateness(Duration.ofMinutes(5)).build());
        FeatureJob.Wiring wiring = job.addTo(env);
        wiring.lateEvents().sinkTo(lateSink).name("late-sink").uid("late-sink");
        env.execute("feature-job-it");
        outputs = sink.collected();
        late = lateSink.collected();
    }

    private static double peak(EntityType type, String id, String feature) {
        double max = Double.NEGATIVE_INFINITY;
        for (FeatureOutput o : outputs) {
            if (o.entityType == type && o.entityId.equals(id) && o.values.containsKey(feature)) {
                max = Math.max(max, o.values.get(feature));
            }
        }
        return max;
    }

    /** The last value in arrival order: entity features reach the sink in order, per key. */
    private static double last(EntityType type, String id, String feature) {
        Double value = null;
        for (FeatureOutput o : outputs) {
            if (o.entityType == type && o.entityId.equals(id) && o.values.containsKey(feature)) {
                value = o.values.get(feature);
            }
        }
        return value == null ? Double.NaN : value;
    }

    @Test
    void deviceFarm_isVisibleOnTheDeviceIpPhoneAndAccounts() {
        assertEquals(6.0, peak(EntityType.DEVICE, "farm-d", FeatureNames.DEVICE_ACCOUNTS_1H));
        assertEquals(12.0, peak(EntityType.DEVICE, "farm-d", FeatureNames.DEVICE_CLAIMS_1H));
        assertEquals(6.0, peak(EntityType.IP, "203.0.113.7", FeatureNames.IP_ACCOUNTS_1H));
        assertEquals(6.0, peak(EntityType.SUBNET, "203.0.113.0/24", FeatureNames.SUBNET_ACCOUNTS_24H));
        String phone = HASHER.hash(PersonalDataKind.PHONE, FARM_PHONE);
        assertEquals(3.0, peak(EntityType.PHONE, phone, FeatureNames.PHONE_ACCOUNTS_30D));
        assertEquals(2.0, peak(EntityType.ACCOUNT, "f1", FeatureNames.ACCOUNT_CLAIMS_1H));
        assertEquals(180.0, peak(EntityType.ACCOUNT, "f1", FeatureNames.ACCOUNT_REGISTRATION_TO_FIRST_CLAIM_MINUTES));
        assertEquals(1.0, peak(EntityType.ACCOUNT, "n7", FeatureNames.ACCOUNT_CLAIMS_24H));
    }

    @Test
    void windows_slideBackToZeroAtTheEndOfTime() {
        assertEquals(0.0, last(EntityType.DEVICE, "farm-d", FeatureNames.DEVICE_ACCOUNTS_1H));
        assertEquals(0.0, last(EntityType.DEVICE, "farm-d", FeatureNames.DEVICE_ACCOUNTS_7D));
        assertEquals(0.0, last(EntityType.IP, "203.0.113.7", FeatureNames.IP_CLAIMS_1M));
        assertEquals(0.0, last(EntityType.ACCOUNT, "f1", FeatureNames.ACCOUNT_CLAIMS_24H));
    }

    @Test
    void graph_linksTheFarmAndFlagsItThroughTheLabel() {
        for (int i = 1; i <= 6; i++) {
            assertEquals(6.0, peak(EntityType.ACCOUNT, "f" + i, FeatureNames.GRAPH_CLUSTER_SIZE), "f" + i);
            assertEquals(1.0, peak(EntityType.ACCOUNT, "f" + i, FeatureNames.GRAPH_CLUSTER_FLAGGED), "f" + i);
        }
        assertEquals(12.0, peak(EntityType.ACCOUNT, "f4", FeatureNames.GRAPH_CLUSTER_CLAIMS_24H));
        assertEquals(6.0, peak(EntityType.ACCOUNT, "f4", FeatureNames.GRAPH_CLUSTER_NEW_ACCOUNTS_24H));
        assertEquals(1.0, peak(EntityType.ACCOUNT, "n3", FeatureNames.GRAPH_CLUSTER_SIZE), "an ordinary user is alone");
        assertEquals(0.0, peak(EntityType.ACCOUNT, "n3", FeatureNames.GRAPH_CLUSTER_FLAGGED));
    }

    @Test
    void campaign_surgeAndBaseline() {
        // ticks evaluate at the campaign's newest event time, which depends on how the two source
        // splits interleave: the per-minute peak is bounded, the baseline is exact
        double perMinute = peak(EntityType.CAMPAIGN, "double11", FeatureNames.CAMPAIGN_CLAIMS_1M);
        assertTrue(perMinute >= 1 && perMinute <= 14, "at most 14 claims fall in one minute and a bucket, got " + perMinute);
        assertEquals(32.0 / 30, peak(EntityType.CAMPAIGN, "double11", FeatureNames.CAMPAIGN_CLAIMS_BASELINE_1M), 1e-9,
                "all 32 claims within the previous 30 minutes");
        assertEquals(0.0, last(EntityType.CAMPAIGN, "double11", FeatureNames.CAMPAIGN_CLAIMS_1M));
        assertEquals(0.0, last(EntityType.CAMPAIGN, "double11", FeatureNames.CAMPAIGN_CLAIMS_BASELINE_1M));
    }

    @Test
    void lateEvent_isDroppedCountedAndNeverFeatured() {
        assertEquals(1, late.size());
        assertEquals("late-u", late.get(0).accountId);
        assertFalse(outputs.stream().anyMatch(o -> "late-u".equals(o.entityId) || "late-d".equals(o.entityId)));
    }

    @Test
    void everyOutput_isAValidFeatureUpdate() {
        assertTrue(outputs.size() > 100, "outputs: " + outputs.size());
        Map<String, Integer> byPrefix = new HashMap<>();
        for (FeatureOutput o : outputs) {
            assertFalse(o.values.isEmpty());
            assertEquals(o, FeatureOutput.fromFeatureUpdate(o.toFeatureUpdate()));
            for (String name : o.values.keySet()) {
                byPrefix.merge(name.substring(0, name.indexOf('.')), 1, Integer::sum);
            }
        }
        for (String prefix : List.of("device", "account", "ip", "subnet", "phone", "campaign", "graph")) {
            assertTrue(byPrefix.containsKey(prefix), "no " + prefix + " feature emitted");
        }
    }
}
