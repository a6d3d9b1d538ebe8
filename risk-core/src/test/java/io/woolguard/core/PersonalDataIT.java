package io.woolguard.core;

import static io.woolguard.core.testing.EngineFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.internal.engine.DefaultRiskEngine;
import io.woolguard.core.testing.EngineFixture;
import io.woolguard.core.testing.Events;
import io.woolguard.core.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalDataIT {
    private static final String PHONE = "+8617098765432";
    private static final String EMAIL = "farmer.one@example.com";
    private static final String ADDRESS = "88 Nanjing Road, Huangpu, Shanghai";
    private static final String CARD = "6222021234567890";

    @TempDir
    Path dir;
    String phoneHash;

    @Test
    void rawPersonalData_isNeverWrittenToTheDataDirectory() throws IOException {
        MutableClock clock = new MutableClock(T0);
        try (RiskEngine engine = EngineFixture.builder(dir, clock).rules(EngineFixture.velocityPack()).build()) {
            RiskEvent claim = RiskEvent.builder("pii-1", EventType.COUPON_CLAIM, "u-1").occurredAt(T0)
                    .phone(PHONE).email(EMAIL)
                    .coupon(new Coupon("double11", null, java.math.BigDecimal.ONE, "CNY")).build();
            Explanation e = engine.explain(claim);
            assertEquals(1.0, e.features().get(FeatureNames.PHONE_VIRTUAL_CARRIER), "the hint survives hashing");
            assertFalse(e.event().hasRawPersonalData());
            engine.decide(Events.order("pii-2", "u-1", "1.00", "100.00", T0, ADDRESS, CARD));
            engine.lists().put(ListType.BLOCK, EntityType.PHONE, PHONE, null, null, "analyst");
            engine.lists().put(ListType.WATCH, EntityType.PAYMENT, CARD, null, null, "analyst");
            engine.label(new Label(EntityType.EMAIL, EMAIL, LabelValue.FRAUD, "analyst", null, T0));
            engine.applyFeatureUpdates(List.of(new FeatureUpdate(EntityType.ADDRESS, ADDRESS,
                    java.util.Map.of(FeatureNames.ADDRESS_ACCOUNTS_30D, 7.0), T0.toEpochMilli())));
            assertEquals(7.0, engine.features(EntityType.ADDRESS, ADDRESS).get(FeatureNames.ADDRESS_ACCOUNTS_30D));
            phoneHash = engine.hasher().hash(PersonalDataKind.PHONE, PHONE);
            ((DefaultRiskEngine) engine).store().flush();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".sst")), "data reached SST files: " + files);
        boolean hashFound = false;
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String raw : List.of(PHONE, "17098765432", EMAIL, ADDRESS, "nanjing road", CARD)) {
                assertFalse(bytes.contains(raw), raw + " found raw in " + file);
            }
            hashFound |= bytes.contains(phoneHash);
        }
        assertTrue(hashFound, "control: the phone's keyed hash is readable in the files, so the scan sees stored data");
    }
}
