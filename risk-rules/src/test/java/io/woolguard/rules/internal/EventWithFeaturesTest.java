package io.woolguard.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.Device;
import io.woolguard.core.EventType;
import io.woolguard.core.FeatureNames;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.Platform;
import io.woolguard.core.RiskEvent;
import io.woolguard.rules.Event;
import io.woolguard.rules.Features;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventWithFeaturesTest {
    private static final Event EVENT = Event.of(RiskEvent.builder("e-1", EventType.COUPON_CLAIM, "u-1")
            .occurredAt(Instant.parse("2026-11-22T03:00:00Z"))
            .accountCreatedAt(Instant.parse("2026-11-22T01:00:00Z"))
            .device(new Device("d-7", Platform.WEB, true, false, true, "HeadlessChrome/120", "Asia/Shanghai"))
            .coupon(new io.woolguard.core.Coupon("double11", "c-1", java.math.BigDecimal.TEN, "CNY"))
            .attribute("channel", "app").attribute("n", 3)
            .build());

    /** A merged rule's constraints are the analyst's Event and Features constraints, verbatim: every method must be there. */
    @Test
    void hasEveryPublicMethodOfEventAndFeatures_delegated() throws Exception {
        Features features = Features.of(new FeatureVector(Map.of("device.accounts_24h", 12.0, "custom.x", 2.5)));
        EventWithFeatures merged = new EventWithFeatures(EVENT, features);
        int checked = 0;
        for (Object fact : List.of(EVENT, features)) {
            for (Method method : fact.getClass().getDeclaredMethods()) {
                if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers()) || method.getName().equals("toString")) {
                    continue;
                }
                Method copy = EventWithFeatures.class.getMethod(method.getName(), method.getParameterTypes());
                assertEquals(method.getGenericReturnType(), copy.getGenericReturnType(), method.toString());
                Object[] args = switch (method.getParameterCount()) {
                    case 0 -> new Object[0];
                    case 1 -> new Object[] {fact == EVENT ? "n" : "device.accounts_24h"};
                    default -> throw new AssertionError("unexpected parameters: " + method);
                };
                assertEquals(method.invoke(fact, args), copy.invoke(merged, args), method.toString());
                checked++;
            }
        }
        assertTrue(checked > 40, "checked " + checked + " methods");
        assertSame(EVENT, merged.getEvent());
        assertSame(features, merged.getFeatures());
    }

    /** The rewriter relies on the merged fact's own properties never shadowing the analyst's. */
    @Test
    void ownPropertiesDoNotClashWithEventOrFeatures() throws Exception {
        for (String own : List.of("getEvent", "getFeatures")) {
            for (Class<?> type : List.of(Event.class, Features.class)) {
                assertTrue(java.util.Arrays.stream(type.getMethods()).noneMatch(m -> m.getName().equals(own)), type + " has " + own);
            }
        }
        for (String property : CataloguedFeatures.properties().values()) {
            assertTrue(java.util.Arrays.stream(Event.class.getMethods())
                    .noneMatch(m -> m.getName().equalsIgnoreCase("get" + property) || m.getName().equalsIgnoreCase("is" + property)), property);
        }
    }

    /** Every catalogued feature has a property, named after it, reading what num(name) reads. */
    @Test
    void everyCataloguedFeatureHasAPropertyReadingItsValue() throws Exception {
        Map<String, Double> values = new HashMap<>();
        List<String> names = new java.util.ArrayList<>();
        for (Field field : FeatureNames.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String name = (String) field.get(null);
                names.add(name);
                values.put(name, 100.0 + names.size());
            }
        }
        Features features = Features.of(new FeatureVector(values));
        Features empty = Features.of(FeatureVector.empty());
        Pattern propertyName = Pattern.compile("[a-z][a-z0-9_]*");
        for (String name : names) {
            String property = CataloguedFeatures.propertyOf(name);
            assertNotNull(property, "no property for catalogued feature " + name + ": add its getter to CataloguedFeatures");
            assertTrue(propertyName.matcher(property).matches(), property);
            Method getter = CataloguedFeatures.class.getMethod("get" + Character.toUpperCase(property.charAt(0)) + property.substring(1));
            assertEquals(features.num(name), (double) getter.invoke(features), name);
            assertEquals(0.0, (double) getter.invoke(empty), name);
        }
        assertEquals(names.size(), CataloguedFeatures.properties().size());
    }
}
