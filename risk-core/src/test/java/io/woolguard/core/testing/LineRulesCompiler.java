package io.woolguard.core.testing;

import io.woolguard.core.RuleError;
import io.woolguard.core.RulePack;
import io.woolguard.core.RulePackRejectedException;
import io.woolguard.core.spi.CompiledRules;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.core.spi.RuleDescriptor;
import io.woolguard.core.spi.RuleEvaluation;
import io.woolguard.core.spi.RuleHit;
import io.woolguard.core.spi.RuleInput;
import io.woolguard.core.spi.RulePackCompiler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real, deliberately tiny rule language for core's tests (Drools lives in risk-rules, which core
 * must not depend on). Registered through {@code META-INF/services}, so it is what
 * {@code RiskEngine.builder()} finds when risk-core's test jar is on the classpath.
 *
 * <p>One rule per line, in every file of the pack ({@code #} starts a comment):
 * <pre>
 * ruleId CODE score condition
 * </pre>
 * where {@code condition} is {@code always}, {@code type=COUPON_CLAIM}, or {@code feature OP number}
 * with OP one of {@code >=}, {@code >}, {@code <=}, {@code <}, {@code ==}. Two directives make
 * evaluation misbehave on purpose: {@code !fail <why>} reports a failure after the hits so far, and
 * {@code !throw <why>} throws from {@code evaluate}.
 */
public final class LineRulesCompiler implements RulePackCompiler {
    private static final Pattern RULE = Pattern.compile("(\\S+)\\s+([A-Z][A-Z0-9_]*)\\s+(\\d{1,3})\\s+(.+)");
    private static final Pattern COMPARISON = Pattern.compile("([a-z0-9_.]+)\\s*(>=|<=|==|>|<)\\s*(-?[0-9.]+)");

    private sealed interface Line permits Rule, Fail, Throw {
    }

    private record Rule(String id, String code, int score, String condition, java.util.function.Predicate<RuleInput> test)
            implements Line {
    }

    private record Fail(String why) implements Line {
    }

    private record Throw(String why) implements Line {
    }

    @Override
    public CompiledRules compile(RulePack pack) {
        List<RuleError> errors = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        List<RuleDescriptor> descriptors = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : pack.files().entrySet()) {
            String[] text = new String(file.getValue(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < text.length; i++) {
                String line = text[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("!fail ")) {
                    lines.add(new Fail(line.substring(6)));
                    continue;
                }
                if (line.startsWith("!throw ")) {
                    lines.add(new Throw(line.substring(7)));
                    continue;
                }
                Matcher m = RULE.matcher(line);
                if (!m.matches()) {
                    errors.add(new RuleError(file.getKey(), i + 1, 1, "expected 'ruleId CODE score condition', got '" + line + "'"));
                    continue;
                }
                int score = Integer.parseInt(m.group(3));
                if (score > 100) {
                    errors.add(new RuleError(file.getKey(), i + 1, m.start(3) + 1, "score must be 0-100"));
                    continue;
                }
                java.util.function.Predicate<RuleInput> test = condition(m.group(4));
                if (test == null) {
                    errors.add(new RuleError(file.getKey(), i + 1, m.start(4) + 1, "unknown condition '" + m.group(4) + "'"));
                    continue;
                }
                lines.add(new Rule(m.group(1), m.group(2), score, m.group(4), test));
                descriptors.add(new RuleDescriptor(m.group(1), m.group(1), file.getKey()));
            }
        }
        if (!errors.isEmpty()) {
            throw new RulePackRejectedException(errors);
        }
        return new Compiled(List.copyOf(lines), List.copyOf(descriptors));
    }

    private static java.util.function.Predicate<RuleInput> condition(String text) {
        if (text.equals("always")) {
            return input -> true;
        }
        if (text.startsWith("type=")) {
            String type = text.substring(5);
            return input -> input.event().type().name().equals(type);
        }
        Matcher m = COMPARISON.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String feature = m.group(1);
        double threshold = Double.parseDouble(m.group(3));
        return switch (m.group(2)) {
            case ">=" -> input -> input.features().get(feature) >= threshold;
            case ">" -> input -> input.features().get(feature) > threshold;
            case "<=" -> input -> input.features().has(feature) && input.features().get(feature) <= threshold;
            case "<" -> input -> input.features().has(feature) && input.features().get(feature) < threshold;
            default -> input -> input.features().has(feature) && input.features().get(feature) == threshold;
        };
    }

    private record Compiled(List<Line> lines, List<RuleDescriptor> rules) implements CompiledRules {
        @Override
        public RuleEvaluation evaluate(RuleInput input, EvaluationLimits limits) {
            List<RuleHit> hits = new ArrayList<>();
            for (Line line : lines) {
                if (line instanceof Fail fail) {
                    return new RuleEvaluation(hits, hits.size(), fail.why());
                }
                if (line instanceof Throw t) {
                    throw new IllegalStateException(t.why());
                }
                Rule rule = (Rule) line;
                if (rule.test().test(input)) {
                    if (hits.size() >= limits.maxFirings()) {
                        return new RuleEvaluation(hits, hits.size(), "exceeded " + limits.maxFirings() + " firings");
                    }
                    hits.add(new RuleHit(rule.id(), rule.code(), rule.score(),
                            rule.id() + " fired: " + rule.condition()));
                }
            }
            return new RuleEvaluation(hits, hits.size(), null);
        }
    }
}
