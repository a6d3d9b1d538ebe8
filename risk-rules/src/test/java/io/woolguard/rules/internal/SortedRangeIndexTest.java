package io.woolguard.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.EventType;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.core.spi.RuleEvaluation;
import io.woolguard.core.spi.RuleHit;
import io.woolguard.core.spi.RuleInput;
import io.woolguard.rules.Event;
import io.woolguard.rules.Features;
import io.woolguard.rules.RulePacks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.CompositeObjectSinkAdapter;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.core.util.index.AlphaRangeIndex;
import org.junit.jupiter.api.Test;

class SortedRangeIndexTest {
    private static final EvaluationLimits RELAXED = new EvaluationLimits(1_000, Duration.ofSeconds(10));
    private static final String MANY = "device.accounts_24h";
    private static final String FEW = "ip.accounts_1h";
    /** Thresholds shared between operators, so that equal keys of different types sort next to each other. */
    private static final double[] THRESHOLDS = {5, 10, 10.5, 20};
    private static final String[] OPERATORS = {"<", "<=", ">", ">="};
    private static final double[] VALUES = {Double.NEGATIVE_INFINITY, -1, -0.0, 0, 4.9, 5, 5.1, 9.99, 10, 10.25, 10.5, 10.75,
        19, 20, 21, 1e9, Double.POSITIVE_INFINITY, Double.NaN};

    /** One rule per operator and threshold on {@link #MANY} (16, indexed at Drools' threshold too), three on {@link #FEW}. */
    private static Map<String, DoublePredicate> rules(StringBuilder drl) {
        Map<String, DoublePredicate> rules = new HashMap<>();
        drl.append("package rules.test;\nimport io.woolguard.rules.Event;\nimport io.woolguard.rules.Features;\n"
                + "global io.woolguard.rules.Hits hits;\n\n");
        int n = 0;
        for (double threshold : THRESHOLDS) {
            for (String operator : OPERATORS) {
                rules.put(rule(drl, "many-" + n++, MANY, operator, threshold), test(operator, threshold));
            }
        }
        for (String operator : new String[] {">=", ">", "<"}) {
            rules.put(rule(drl, "few-" + n++, FEW, operator, 7), test(operator, 7));
        }
        return rules;
    }

    private static String rule(StringBuilder drl, String id, String feature, String operator, double threshold) {
        drl.append("rule \"").append(id).append("\" @id(\"").append(id).append("\")\nwhen\n  f : Features(num(\"").append(feature)
                .append("\") ").append(operator).append(' ').append(threshold).append(")\nthen\n  hits.add(1, \"RANGE_HIT\", \"")
                .append(id).append("\");\nend\n\n");
        return id;
    }

    private static DoublePredicate test(String operator, double threshold) {
        return switch (operator) {
            case "<" -> v -> v < threshold;
            case "<=" -> v -> v <= threshold;
            case ">" -> v -> v > threshold;
            default -> v -> v >= threshold;
        };
    }

    private static DroolsCompiledRules compile(String drl, boolean droolsIndex) {
        String before = System.getProperty(PackCompiler.RANGE_INDEX_PROPERTY);
        try {
            if (droolsIndex) {
                System.setProperty(PackCompiler.RANGE_INDEX_PROPERTY, "drools");
            } else {
                System.clearProperty(PackCompiler.RANGE_INDEX_PROPERTY);
            }
            return new PackCompiler(2).compile(RulePacks.of("range", Map.of("range.drl", drl)));
        } finally {
            if (before == null) {
                System.clearProperty(PackCompiler.RANGE_INDEX_PROPERTY);
            } else {
                System.setProperty(PackCompiler.RANGE_INDEX_PROPERTY, before);
            }
        }
    }

    private static RiskEvent event() {
        return RiskEvent.builder("e-1", EventType.REGISTRATION, "u-1").occurredAt(Instant.parse("2026-11-22T03:00:00Z")).build();
    }

    private static FeatureVector features(double many, double few) {
        return new FeatureVector(Map.of(MANY, many, FEW, few));
    }

    /** The range indexes at the root of the merged fact's alpha network, by the property they index. */
    private static Map<String, AlphaRangeIndex> rootIndexes(DroolsCompiledRules rules) {
        Map<String, AlphaRangeIndex> indexes = new HashMap<>();
        for (ObjectTypeNode node : ((InternalRuleBase) rules.kieBase()).getRete().getObjectTypeNodes()) {
            if (node.getObjectSinkPropagator() instanceof CompositeObjectSinkAdapter composite && composite.getRangeIndexMap() != null) {
                composite.getRangeIndexMap().forEach((field, index) -> {
                    AlphaNode first = index.getAllValues().iterator().next();
                    String constraint = first.getConstraint().toString();
                    indexes.put(constraint.contains("device_accounts_24h") ? MANY : constraint.contains("ip_accounts_1h") ? FEW : constraint,
                            index);
                });
            }
        }
        return indexes;
    }

    @Test
    void compiledPack_indexesThresholdsFromThreePerFeature_withTheSortedIndex() {
        DroolsCompiledRules rules = compile(drl(), false);
        Map<String, AlphaRangeIndex> indexes = rootIndexes(rules);
        assertInstanceOf(SortedRangeIndex.class, indexes.get(MANY));
        assertInstanceOf(SortedRangeIndex.class, indexes.get(FEW), "three thresholds on one feature are indexed");
        assertEquals(16, indexes.get(MANY).size());

        Map<String, AlphaRangeIndex> drools = rootIndexes(compile(drl(), true));
        assertFalse(drools.get(MANY) instanceof SortedRangeIndex, "the diagnostic switch keeps Drools' own index");
        assertNull(drools.get(FEW), "below Drools' threshold of 9, its constraints are evaluated one by one");
    }

    private static String drl() {
        StringBuilder drl = new StringBuilder();
        rules(drl);
        return drl.toString();
    }

    /** Every value, including NaN, infinities, -0.0 and each threshold itself: the rules whose comparison holds fire, nothing else. */
    @Test
    void evaluate_firesExactlyTheRulesWhoseComparisonHolds_inTheOrderOfDroolsOwnIndex() {
        StringBuilder drl = new StringBuilder();
        Map<String, DoublePredicate> tests = rules(drl);
        DroolsCompiledRules sorted = compile(drl.toString(), false);
        DroolsCompiledRules drools = compile(drl.toString(), true);
        for (double many : VALUES) {
            for (double few : new double[] {6, 7, 8, Double.NaN}) {
                RuleInput input = new RuleInput(event(), features(many, few));
                List<String> fired = ids(sorted.evaluate(input, RELAXED));
                List<String> expected = new ArrayList<>();
                tests.forEach((id, test) -> {
                    if (test.test(id.startsWith("many") ? many : few)) {
                        expected.add(id);
                    }
                });
                assertEquals(expected.stream().sorted().toList(), fired.stream().sorted().toList(), "many = " + many + ", few = " + few);
                if (!Double.isNaN(many) && !Double.isNaN(few)) { // NaN: Drools' tree passes it for > and >=, its evaluated < too
                    assertEquals(ids(drools.evaluate(input, RELAXED)), fired, "reason order, many = " + many + ", few = " + few);
                }
            }
        }
    }

    /** Lookup by lookup, the sorted index answers what Drools' tree answers, node for node and in order (NaN aside). */
    @Test
    void getMatchingAlphaNodes_sameNodesInTheSameOrderAsDroolsTree() {
        AlphaRangeIndex tree = rootIndexes(compile(drl(), true)).get(MANY);
        SortedRangeIndex sorted = new SortedRangeIndex(tree);
        assertEquals(new ArrayList<>(tree.getAllValues()), new ArrayList<>(sorted.getAllValues()));
        Event event = Event.of(event());
        int passed = 0;
        for (double value : VALUES) {
            EventWithFeatures fact = new EventWithFeatures(event, Features.of(features(value, 0)));
            List<AlphaNode> matched = new ArrayList<>(sorted.getMatchingAlphaNodes(fact));
            if (Double.isNaN(value)) {
                assertTrue(matched.isEmpty(), "NaN passes no threshold");
            } else {
                assertEquals(new ArrayList<>(tree.getMatchingAlphaNodes(fact)), matched, "value " + value);
            }
            passed += matched.size();
        }
        assertTrue(passed > 50, "lookups matched " + passed + " nodes");
    }

    private static List<String> ids(RuleEvaluation evaluation) {
        assertFalse(evaluation.failed(), evaluation.failure());
        return evaluation.hits().stream().map(RuleHit::ruleId).toList();
    }
}
