package io.woolguard.rules.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Rewrites conditions the sandbox has approved so that Drools can index them: inside a
 * {@code Features(...)} pattern, {@code num("device.accounts_24h")} becomes the property
 * {@code device_accounts_24h} ({@link CataloguedFeatures}), which reads the same value. Drools then
 * shares an alpha node between rules with the same constraint, hashes {@code ==} and range-indexes
 * {@code <}, {@code <=}, {@code >}, {@code >=} constraints on one property, so an event no longer
 * runs every rule's feature threshold.
 *
 * <p>Only a call written {@code num("literal")} on the pattern's own fact (not {@code x.num(...)}),
 * with a catalogued name, is rewritten; anything else is left exactly as written.
 *
 * <p>Then a rule whose conditions are exactly one {@code Event} pattern and one {@code Features}
 * pattern (the usual shape), or just one of them, is merged into one pattern over
 * {@link EventWithFeatures}, which carries both: {@code e : Event(claim) f : Features(device_accounts_24h >= 10)} becomes
 * {@code EventWithFeatures(e : event, f : features, device_accounts_24h >= 10, claim)}. Without a
 * join between the two facts, an event reaches only the rules whose every constraint it passes,
 * instead of linking every rule whose Event half (or Features half) it matches. The feature
 * constraints come first: they are the selective ones. Not merged (left as two patterns): rules with
 * more or other conditions, {@code this}, positional constraints, or a constraint of one pattern that
 * names a binding of the other.
 *
 * <p>The output only ever replaces a call by a property name from the catalogue, moves constraints
 * the sandbox approved into one pattern, and binds the analyst's names to the facts they named, so it
 * introduces nothing the sandbox has not seen.
 */
final class ConditionRewriter {
    private ConditionRewriter() {
    }

    /**
     * What a rewrite did to a package.
     *
     * @param merged   rules that now match {@link EventWithFeatures} alone
     * @param unmerged rules left matching {@code Event} and {@code Features}
     */
    record Result(int merged, int unmerged) {
        Result plus(Result other) {
            return new Result(merged + other.merged, unmerged + other.unmerged);
        }
    }

    /** Rewrites every rule of {@code descr} in place. */
    static Result rewrite(PackageDescr descr) {
        int merged = 0;
        int unmerged = 0;
        for (RuleDescr rule : descr.getRules()) {
            rewrite(rule.getLhs());
            if (merge(rule.getLhs())) {
                merged++;
            } else {
                unmerged++;
            }
        }
        return new Result(merged, unmerged);
    }

    /**
     * Merges {@code Event(...)} and {@code Features(...)}, when they are all of {@code lhs} (one of each, or
     * just one of them), into one pattern over {@link EventWithFeatures}.
     */
    private static boolean merge(AndDescr lhs) {
        if (lhs == null || lhs.getDescrs().isEmpty() || lhs.getDescrs().size() > 2) {
            return false;
        }
        PatternDescr event = null;
        PatternDescr features = null;
        for (BaseDescr element : lhs.getDescrs()) {
            if (!(element instanceof PatternDescr pattern) || !mergeable(pattern)) {
                return false;
            }
            if (isEvent(pattern.getObjectType()) && event == null) {
                event = pattern;
            } else if (isFeatures(pattern.getObjectType()) && features == null) {
                features = pattern;
            } else {
                return false;
            }
        }
        List<Token> eventTokens = event == null ? List.of() : tokens(event);
        List<Token> featureTokens = features == null ? List.of() : tokens(features);
        if (mentionsThis(eventTokens) || mentionsThis(featureTokens)
                || (event != null && features != null && (names(eventTokens, bindings(features, featureTokens))
                        || names(featureTokens, bindings(event, eventTokens))))) {
            return false;
        }
        PatternDescr first = (PatternDescr) lhs.getDescrs().get(0);
        PatternDescr merged = (event != null ? event : features).clone();
        merged.setObjectType(EventWithFeatures.class.getName());
        merged.setIdentifier(null);
        merged.removeAllConstraint();
        int position = 0;
        if (event != null && event.getIdentifier() != null) {
            merged.addConstraint(constraint(event.getIdentifier() + " : event", position++));
        }
        if (features != null && features.getIdentifier() != null) {
            merged.addConstraint(constraint(features.getIdentifier() + " : features", position++));
        }
        for (PatternDescr part : new PatternDescr[] {features, event}) {
            if (part != null) {
                for (BaseDescr constraint : part.getDescrs()) {
                    merged.addConstraint(constraint(((ExprConstraintDescr) constraint).getExpression(), position++));
                }
            }
        }
        lhs.removeDescr(first);
        if (!lhs.getDescrs().isEmpty()) {
            lhs.removeDescr(lhs.getDescrs().get(0));
        }
        lhs.addDescr(merged);
        return true;
    }

    private static boolean mergeable(PatternDescr pattern) {
        if (pattern.getSource() != null || pattern.isQuery() || pattern.isUnification()
                || (pattern.getBehaviors() != null && !pattern.getBehaviors().isEmpty())) {
            return false;
        }
        for (BaseDescr constraint : pattern.getDescrs()) {
            if (!(constraint instanceof ExprConstraintDescr expr) || expr.getType() != ExprConstraintDescr.Type.NAMED) {
                return false;
            }
        }
        return true;
    }

    private static ExprConstraintDescr constraint(String expression, int position) {
        ExprConstraintDescr constraint = new ExprConstraintDescr(expression);
        constraint.setType(ExprConstraintDescr.Type.NAMED);
        constraint.setPosition(position);
        return constraint;
    }

    private static List<Token> tokens(PatternDescr pattern) {
        List<Token> tokens = new ArrayList<>();
        for (BaseDescr constraint : pattern.getDescrs()) {
            tokens.addAll(DrlTokenizer.tokenize(((ExprConstraintDescr) constraint).getExpression(), (token, message) -> { }));
        }
        return tokens;
    }

    private static boolean mentionsThis(List<Token> tokens) {
        return tokens.stream().anyMatch(t -> t.is("this"));
    }

    /** The pattern's own binding and every name bound inside its constraints ({@code $n : ...}). */
    private static Set<String> bindings(PatternDescr pattern, List<Token> tokens) {
        Set<String> names = new HashSet<>();
        if (pattern.getIdentifier() != null) {
            names.add(pattern.getIdentifier());
        }
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isIdentifier() && tokens.get(i + 1).is(":")) {
                names.add(tokens.get(i).text());
            }
        }
        return names;
    }

    /** True when {@code tokens} use one of {@code names} (not as a member after a dot). */
    private static boolean names(List<Token> tokens, Set<String> names) {
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isIdentifier() && names.contains(token.text()) && !(i > 0 && tokens.get(i - 1).is("."))) {
                return true;
            }
        }
        return false;
    }

    private static int rewrite(BaseDescr element) {
        int rewritten = 0;
        if (element instanceof PatternDescr pattern) {
            boolean features = isFeatures(pattern.getObjectType());
            for (BaseDescr constraint : pattern.getDescrs()) {
                if (features && constraint instanceof ExprConstraintDescr expr) {
                    String before = expr.getExpression();
                    String after = rewrite(before);
                    if (!after.equals(before)) {
                        expr.setExpression(after);
                        expr.setText(after);
                        rewritten++;
                    }
                }
            }
        } else if (element instanceof ConditionalElementDescr conditional) {
            for (Object child : conditional.getDescrs()) {
                if (child instanceof BaseDescr descr) {
                    rewritten += rewrite(descr);
                }
            }
        }
        return rewritten;
    }

    private static boolean isEvent(String type) {
        return type.equals("Event") || type.equals(Sandbox.FACTS_PACKAGE + ".Event");
    }

    private static boolean isFeatures(String type) {
        return type.equals("Features") || type.equals(Sandbox.FACTS_PACKAGE + ".Features");
    }

    /** One constraint's text with every {@code num("catalogued.name")} replaced by its property. */
    static String rewrite(String expression) {
        List<Token> tokens = DrlTokenizer.tokenize(expression, (token, message) -> { });
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i + 3 < tokens.size(); i++) {
            Token name = tokens.get(i);
            if (!name.is("num") || (i > 0 && tokens.get(i - 1).is("."))) {
                continue;
            }
            Token open = tokens.get(i + 1);
            Token literal = tokens.get(i + 2);
            Token close = tokens.get(i + 3);
            if (!open.is("(") || literal.kind() != Token.Kind.STRING || !close.is(")")) {
                continue;
            }
            String text = literal.text();
            if (text.length() < 2 || text.charAt(0) != '"' || text.charAt(text.length() - 1) != '"') {
                continue;
            }
            String property = CataloguedFeatures.propertyOf(text.substring(1, text.length() - 1));
            if (property == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(expression.length());
            }
            out.append(expression, copied, name.offset()).append(property);
            copied = close.offset() + 1;
            i += 3;
        }
        if (out == null) {
            return expression;
        }
        return out.append(expression, copied, expression.length()).toString();
    }
}
