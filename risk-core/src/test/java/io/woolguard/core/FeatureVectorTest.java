package io.woolguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureVectorTest {
    @Test
    void aVectorFromAMap_copiesIt() {
        Map<String, Double> source = new HashMap<>(Map.of("device.accounts_24h", 3.0));
        FeatureVector vector = new FeatureVector(source);
        source.put("device.accounts_24h", 9.0);
        assertEquals(3.0, vector.get("device.accounts_24h"), "a later change to the source does not reach the vector");
    }

    @Test
    void aBuiltVector_isReadOnly_andEqualToACopiedOne() {
        FeatureVector.Builder builder = FeatureVector.builder(4);
        builder.values().put("device.accounts_24h", 3.0);
        builder.values().put("ip.accounts_1h", 1.0);
        FeatureVector built = builder.build();

        assertEquals(3.0, built.get("device.accounts_24h"));
        assertEquals(0.0, built.get("account.age_days"), "absent is zero");
        assertEquals(2, built.values().size());
        assertThrows(UnsupportedOperationException.class, () -> built.values().put("x", 1.0));
        assertThrows(UnsupportedOperationException.class, () -> built.values().entrySet().iterator().next().setValue(5.0));
        assertEquals(new FeatureVector(Map.of("device.accounts_24h", 3.0, "ip.accounts_1h", 1.0)), built);
        assertEquals(built, new FeatureVector(built.values()), "a vector of a built vector's values");
    }

    @Test
    void aBuilder_refusesUseAfterBuild() {
        FeatureVector.Builder builder = FeatureVector.builder(1);
        builder.values().put("a.b", 1.0);
        builder.build();
        IllegalStateException e = assertThrows(IllegalStateException.class, builder::values);
        assertEquals("this builder's vector was built; its map belongs to the vector", e.getMessage());
        assertThrows(IllegalStateException.class, builder::build);
    }
}
