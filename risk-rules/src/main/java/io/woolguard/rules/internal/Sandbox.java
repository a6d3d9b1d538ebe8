package io.woolguard.rules.internal;

import io.woolguard.core.RuleError;
import io.woolguard.core.spi.RuleDescriptor;
import io.woolguard.rules.Event;
import io.woolguard.rules.Features;
import io.woolguard.rules.Hits;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.AbstractClassTypeDeclarationDescr;

/**
 * The rule sandbox: an allow-list check of one DRL source before anything is compiled.
 *
 * <p>Two passes. The parsed {@link PackageDescr} gives the structure: imports (only the fact types
 * and {@code java.lang.Math}), globals (only {@code hits}), no functions, no declared types, no
 * queries, every rule with a unique {@code @id}, conditions made only of patterns over
 * {@code Event} / {@code Features} joined by and / or / not / exists. Then every token of every
 * rule (strings and comments stripped) is checked: in conditions and consequences an identifier
 * must be a fact type, a binding, a local variable, the {@code hits} global, {@code Math},
 * {@code String}, a number type or an allowed keyword, and every {@code .member} must be a
 * method or property of the facts, the hit helper's {@code add}, or an allowed String, number,
 * collection or {@code Math} method. Everything else is rejected with a message and its line.
 *
 * <p>There are no loops, no recursion (no functions), no object creation and no fact changes, so
 * each rule fires at most once per evaluation and each consequence runs a bounded amount of code;
 * the runtime guard ({@link EvaluationGuard}) bounds the rest.
 */
final class Sandbox {
    static final String FACTS_PACKAGE = "io.woolguard.rules";
    static final Set<String> FACT_TYPES = Set.of("Event", "Features");
    static final Set<String> ALLOWED_IMPORTS = Set.of(
            FACTS_PACKAGE + ".Event", FACTS_PACKAGE + ".Features", FACTS_PACKAGE + ".Hits", FACTS_PACKAGE + ".*",
            "java.lang.Math");
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private static final String ALLOWED = "rules may use only the facts (Event, Features), the hit helper (hits.add), "
            + "Math, String, number and collection methods";

    /** Identifiers that may stand alone (not after a dot) in conditions and consequences. */
    private static final Set<String> VALUE_TYPES = Set.of(
            "String", "Math", "Integer", "Long", "Double", "Boolean", "int", "long", "double", "boolean", "float", "Float");
    private static final Set<String> CODE_KEYWORDS = Set.of("true", "false", "null", "if", "else", "return");
    private static final Set<String> CONDITION_KEYWORDS = Set.of(
            "this", "and", "or", "not", "exists", "matches", "contains", "memberOf", "in", "excludes", "soundslike", "str",
            "startsWith", "endsWith", "length", "after", "before");
    private static final Set<String> HEADER_WORDS = Set.of(
            "salience", "no", "loop", "enabled", "dialect", "activation", "group", "extends", "true", "false");
    private static final Set<String> ANNOTATIONS = Set.of("id", "description", "owner", "tags");

    private static final Set<String> STRING_METHODS = Set.of(
            "length", "isEmpty", "isBlank", "charAt", "startsWith", "endsWith", "contains", "equals", "equalsIgnoreCase",
            "compareTo", "compareToIgnoreCase", "indexOf", "lastIndexOf", "substring", "toLowerCase", "toUpperCase",
            "trim", "strip", "replace", "concat", "valueOf", "toString", "hashCode");
    private static final Set<String> NUMBER_METHODS = Set.of(
            "intValue", "longValue", "doubleValue", "floatValue", "booleanValue", "parseInt", "parseLong",
            "parseDouble", "parseBoolean", "isNaN", "isInfinite", "MAX_VALUE", "MIN_VALUE", "NaN", "compare");
    private static final Set<String> COLLECTION_METHODS = Set.of(
            "size", "get", "getOrDefault", "containsKey", "containsValue", "keySet", "values", "isEmpty", "contains",
            "containsAll", "indexOf");
    private static final Set<String> MATH_METHODS = Set.of(
            "abs", "min", "max", "round", "floor", "ceil", "sqrt", "cbrt", "log", "log10", "log1p", "exp", "pow", "signum",
            "hypot", "PI", "E", "floorDiv", "floorMod", "toIntExact", "clamp");
    private static final Set<String> HITS_METHODS = Set.of("add");

    private static final Set<String> MEMBERS = allowedMembers();
    private static final Set<String> FACT_PROPERTIES = factProperties();

    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("System", "rules cannot reach the JVM or the operating system"),
            Map.entry("Runtime", "rules cannot reach the JVM or the operating system"),
            Map.entry("ProcessBuilder", "rules cannot start processes"),
            Map.entry("Process", "rules cannot start processes"),
            Map.entry("exit", "rules cannot reach the JVM or the operating system"),
            Map.entry("getenv", "rules cannot reach the JVM or the operating system"),
            Map.entry("getProperty", "rules cannot reach the JVM or the operating system"),
            Map.entry("Class", "reflection is not allowed"),
            Map.entry("class", "reflection is not allowed"),
            Map.entry("getClass", "reflection is not allowed"),
            Map.entry("forName", "reflection is not allowed"),
            Map.entry("reflect", "reflection is not allowed"),
            Map.entry("MethodHandles", "reflection is not allowed"),
            Map.entry("MethodHandle", "reflection is not allowed"),
            Map.entry("getMethod", "reflection is not allowed"),
            Map.entry("getDeclaredMethod", "reflection is not allowed"),
            Map.entry("getDeclaredField", "reflection is not allowed"),
            Map.entry("setAccessible", "reflection is not allowed"),
            Map.entry("invoke", "reflection is not allowed"),
            Map.entry("newInstance", "reflection is not allowed"),
            Map.entry("ClassLoader", "class loaders are not allowed"),
            Map.entry("getClassLoader", "class loaders are not allowed"),
            Map.entry("getContextClassLoader", "class loaders are not allowed"),
            Map.entry("Thread", "threads are not allowed"),
            Map.entry("Executors", "threads are not allowed"),
            Map.entry("ExecutorService", "threads are not allowed"),
            Map.entry("ForkJoinPool", "threads are not allowed"),
            Map.entry("CompletableFuture", "threads are not allowed"),
            Map.entry("Timer", "threads are not allowed"),
            Map.entry("sleep", "threads are not allowed"),
            Map.entry("wait", "threads are not allowed"),
            Map.entry("synchronized", "threads are not allowed"),
            Map.entry("java", "packages outside the facts (java.io, java.nio, java.net, ...) are not reachable"),
            Map.entry("javax", "packages outside the facts are not reachable"),
            Map.entry("jdk", "packages outside the facts are not reachable"),
            Map.entry("sun", "packages outside the facts are not reachable"),
            Map.entry("org", "packages outside the facts are not reachable"),
            Map.entry("com", "packages outside the facts are not reachable"),
            Map.entry("File", "files are not reachable"),
            Map.entry("Files", "files are not reachable"),
            Map.entry("Paths", "files are not reachable"),
            Map.entry("Socket", "the network is not reachable"),
            Map.entry("URL", "the network is not reachable"),
            Map.entry("eval", "eval is not allowed: write the condition as a constraint of Event or Features"),
            Map.entry("modify", "rules must not change facts: they read facts and add hits"),
            Map.entry("update", "rules must not change facts: they read facts and add hits"),
            Map.entry("insert", "rules must not change facts: they read facts and add hits"),
            Map.entry("insertLogical", "rules must not change facts: they read facts and add hits"),
            Map.entry("delete", "rules must not change facts: they read facts and add hits"),
            Map.entry("retract", "rules must not change facts: they read facts and add hits"),
            Map.entry("while", "loops are not allowed in rules (they could run without bound)"),
            Map.entry("for", "loops are not allowed in rules (they could run without bound)"),
            Map.entry("do", "loops are not allowed in rules (they could run without bound)"),
            Map.entry("foreach", "loops are not allowed in rules (they could run without bound)"),
            Map.entry("until", "loops are not allowed in rules (they could run without bound)"),
            Map.entry("drools", "access to the rule runtime (drools.*) is not allowed"),
            Map.entry("kcontext", "access to the rule runtime (kcontext.*) is not allowed"),
            Map.entry("new", "creating objects with 'new' is not allowed"),
            Map.entry("from", "conditions match the Event and Features facts directly ('from' is not allowed)"),
            Map.entry("accumulate", "conditions match the Event and Features facts directly ('accumulate' is not allowed)"),
            Map.entry("collect", "conditions match the Event and Features facts directly ('collect' is not allowed)"),
            Map.entry("forall", "conditions match the Event and Features facts directly ('forall' is not allowed)"),
            Map.entry("entry", "entry points are not allowed"),
            Map.entry("window", "windows are not allowed"),
            Map.entry("with", "MVEL 'with' blocks are not allowed"),
            Map.entry("def", "MVEL functions are not allowed"),
            Map.entry("function", "functions are not allowed"),
            Map.entry("throw", "rules must not throw"),
            Map.entry("try", "exception handling is not allowed in rules"),
            Map.entry("repeat", "String.repeat is not allowed (it can exhaust memory)"),
            Map.entry("format", "String.format is not allowed (it can exhaust memory): concatenate with +"),
            Map.entry("replaceAll", "regular-expression replacement is not allowed: use replace"),
            Map.entry("intern", "String.intern is not allowed"),
            Map.entry("split", "regular expressions are allowed only after 'matches' in a condition"),
            Map.entry("matches", "regular expressions are allowed only after 'matches' in a condition"));

    private final RuleSource source;
    private final List<RuleError> errors = new ArrayList<>();
    private final List<RuleDescriptor> rules = new ArrayList<>();

    private Sandbox(RuleSource source) {
        this.source = source;
    }

    /** The sandbox's verdict on one source: its errors (empty when allowed) and its rules. */
    record Verdict(List<RuleError> errors, List<RuleDescriptor> rules) {
    }

    /** Checks one parsed source; {@code descr} is what the DRL parser made of {@code source.drl()}. */
    static Verdict check(RuleSource source, PackageDescr descr) {
        Sandbox sandbox = new Sandbox(source);
        sandbox.checkStructure(descr);
        sandbox.checkTokens(descr);
        return new Verdict(List.copyOf(sandbox.errors), List.copyOf(sandbox.rules));
    }

    // ---------------------------------------------------------------- structure

    private void checkStructure(PackageDescr descr) {
        for (ImportDescr importDescr : descr.getImports()) {
            String target = importDescr.getTarget();
            if (!ALLOWED_IMPORTS.contains(target)) {
                error(importDescr, "import of " + target + " is not allowed: rules may import only "
                        + "io.woolguard.rules.Event, io.woolguard.rules.Features, io.woolguard.rules.Hits and java.lang.Math");
            }
        }
        descr.getFunctionImports().forEach(f -> error(f, "function imports are not allowed"));
        descr.getAccumulateImports().forEach(a -> error(a, "accumulate imports are not allowed"));
        for (GlobalDescr global : descr.getGlobals()) {
            String type = global.getType();
            if (!global.getIdentifier().equals(DroolsCompiledRules.HITS_GLOBAL)
                    || !(type.equals(Hits.class.getName()) || type.equals("Hits"))) {
                error(global, "global '" + type + " " + global.getIdentifier() + "' is not allowed: the only global is "
                        + "'global io.woolguard.rules.Hits hits;'");
            }
        }
        for (FunctionDescr function : descr.getFunctions()) {
            error(function, "function '" + function.getName() + "' is not allowed: functions are not supported in rule "
                    + "packs (they could recurse without bound); write the logic in the rule");
        }
        for (AbstractClassTypeDeclarationDescr type : descr.getClassAndEnumDeclarationDescrs()) {
            error(type, "declared type '" + type.getTypeName() + "' is not allowed: rule packs may not declare types "
                    + "(no declare, no static initialisers); use the Event and Features facts");
        }
        if (descr.getUnit() != null) {
            error(descr.getUnit(), "rule units are not allowed: write plain rules over Event and Features");
        }
        descr.getEntryPointDeclarations().forEach(e -> error(e, "entry-point declarations are not allowed"));
        descr.getWindowDeclarations().forEach(w -> error(w, "window declarations are not allowed"));
        for (AttributeDescr attribute : descr.getAttributes()) {
            checkAttribute(attribute);
        }
        for (RuleDescr rule : descr.getRules()) {
            checkRule(rule);
        }
    }

    private void checkRule(RuleDescr rule) {
        if (rule.isQuery()) {
            error(rule, "query '" + rule.getName() + "' is not allowed: rule packs hold rules only");
            return;
        }
        AnnotationDescr id = rule.getAnnotation("id");
        String ruleId = null;
        if (id == null) {
            error(rule, "rule '" + rule.getName() + "' has no @id: add @id(\"a-stable-id\") after the rule name");
        } else {
            Object value = id.getSingleValue();
            ruleId = value == null ? "" : RuleIds.unquote(value.toString());
            if (!RULE_ID.matcher(ruleId).matches()) {
                error(id.getLine() > 0 ? id : rule, "rule '" + rule.getName() + "' has @id(\"" + ruleId + "\"): ids are "
                        + "1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
                ruleId = null;
            }
        }
        for (AttributeDescr attribute : rule.getAttributes().values()) {
            checkAttribute(attribute);
        }
        checkConditions(rule.getLhs(), rule);
        if (ruleId != null) {
            rules.add(new RuleDescriptor(ruleId, rule.getName(), source.file()));
        }
    }

    private void checkAttribute(AttributeDescr attribute) {
        String name = attribute.getName();
        switch (name) {
            case "salience" -> {
                if (!attribute.getValue().strip().matches("-?\\d{1,9}")) {
                    error(attribute, "salience must be a whole number, got '" + attribute.getValue() + "'");
                }
            }
            case "no-loop", "enabled" -> {
                if (!attribute.getValue().strip().matches("true|false")) {
                    error(attribute, name + " must be true or false, got '" + attribute.getValue() + "'");
                }
            }
            case "dialect" -> {
                if (!attribute.getValue().strip().matches("\"?(java|mvel)\"?")) {
                    error(attribute, "dialect must be \"java\" or \"mvel\", got '" + attribute.getValue() + "'");
                }
            }
            case "activation-group" -> {
                // a name: harmless
            }
            default -> error(attribute, "rule attribute '" + name + "' is not allowed: use salience, no-loop, enabled, "
                    + "dialect or activation-group");
        }
    }

    private void checkConditions(BaseDescr element, RuleDescr rule) {
        if (element == null) {
            return;
        }
        if (element instanceof AndDescr and) {
            and.getDescrs().forEach(d -> checkConditions(d, rule));
        } else if (element instanceof OrDescr or) {
            or.getDescrs().forEach(d -> checkConditions(d, rule));
        } else if (element instanceof NotDescr not) {
            not.getDescrs().forEach(d -> checkConditions((BaseDescr) d, rule));
        } else if (element instanceof ExistsDescr exists) {
            exists.getDescrs().forEach(d -> checkConditions((BaseDescr) d, rule));
        } else if (element instanceof PatternDescr pattern) {
            String type = pattern.getObjectType();
            String simple = type.startsWith(FACTS_PACKAGE + ".") ? type.substring(FACTS_PACKAGE.length() + 1) : type;
            if (!FACT_TYPES.contains(simple)) {
                error(locate(pattern, rule), "rule '" + rule.getName() + "' matches '" + type + "': conditions may match only "
                        + "Event and Features");
            }
            if (pattern.getSource() != null) {
                error(locate(pattern, rule), "rule '" + rule.getName() + "' uses a pattern source (from, accumulate, collect, "
                        + "entry-point): conditions match the Event and Features facts directly");
            }
            for (BaseDescr constraint : pattern.getDescrs()) {
                if (!(constraint instanceof ExprConstraintDescr) && !(constraint.getClass().getSimpleName().equals("BindingDescr"))) {
                    error(locate(constraint, rule), "rule '" + rule.getName() + "' has an unsupported constraint: "
                            + constraint.getClass().getSimpleName());
                }
            }
        } else {
            String kind = element.getClass().getSimpleName().replace("Descr", "").toLowerCase(java.util.Locale.ROOT);
            error(locate(element, rule), "rule '" + rule.getName() + "' uses '" + kind + "': conditions may only be patterns "
                    + "over Event and Features joined by and, or, not and exists");
        }
    }

    private static BaseDescr locate(BaseDescr element, RuleDescr rule) {
        return element.getLine() > 0 ? element : rule;
    }

    // ---------------------------------------------------------------- tokens

    /**
     * Checks every token of every rule. The rule's extent and its consequence come from the parser
     * (so the text checked is exactly the text Drools compiles: a consequence may contain the word
     * {@code end}, e.g. {@code String end = ""}); the header and the conditions are everything in
     * between. Anything that cannot be located is rejected rather than skipped.
     */
    private void checkTokens(PackageDescr descr) {
        String drl = source.drl();
        List<Token> tokens = DrlTokenizer.tokenize(drl, (token, message) -> error(token, message));
        for (RuleDescr rule : descr.getRules()) {
            if (rule.isQuery()) {
                continue; // rejected by the structure pass
            }
            int start = rule.getStartCharacter();
            int end = rule.getEndCharacter();
            String consequence = rule.getConsequence() == null ? "" : rule.getConsequence().toString();
            int endKeyword = end - 3;
            int consequenceStart = endKeyword - consequence.length();
            if (start < 0 || end > drl.length() || endKeyword < start || !drl.startsWith("end", endKeyword)
                    || consequenceStart < start || !drl.startsWith(consequence, consequenceStart)) {
                error(rule, "rule '" + rule.getName() + "' could not be located for checking: write it as rule ... when ... then ... end");
                continue;
            }
            List<Token> head = new ArrayList<>();
            for (Token token : tokens) {
                if (token.offset() >= start && token.offset() < consequenceStart) {
                    head.add(token);
                }
            }
            checkRuleHead(rule, head);
            Set<String> bindings = collectBindings(head, 0);
            Set<String> locals = new HashSet<>();
            // problems inside the consequence (unicode escapes...) were reported by the whole-file pass
            List<Token> body = DrlTokenizer.tokenize(drl, consequenceStart, endKeyword, (token, message) -> { });
            for (int i = 0; i < body.size(); i++) {
                checkCodeToken(body, i, false, bindings, locals);
            }
        }
    }

    /** {@code rule "name" <header> when <conditions> then}: the tokens of a rule up to its consequence. */
    private void checkRuleHead(RuleDescr rule, List<Token> head) {
        if (head.size() < 3 || !head.get(0).is("rule") || !head.get(head.size() - 1).is("then")) {
            error(rule, "rule '" + rule.getName() + "' could not be located for checking: write it as rule ... when ... then ... end");
            return;
        }
        Set<String> bindings = collectBindings(head, 0);
        Set<String> noLocals = Set.of();
        int annotationDepth = 0;
        boolean conditions = false;
        for (int i = 2; i < head.size() - 1; i++) { // skip 'rule' and the name; the last token is 'then'
            Token token = head.get(i);
            Token previous = head.get(i - 1);
            if (conditions) {
                checkCodeToken(head.subList(0, head.size() - 1), i, true, bindings, noLocals);
            } else if (annotationDepth > 0) {
                // Drools evaluates metadata values with MVEL at compile time: allow only plain values
                annotationDepth += token.is("(") ? 1 : token.is(")") ? -1 : 0;
                if (annotationDepth > 0 && !isPlainAnnotationValue(token)) {
                    error(token, "annotation values must be plain text such as @id(\"device-farm\"), not code: '"
                            + token.text() + "'");
                }
            } else if (token.is("(") && previous.isIdentifier() && i > 1 && head.get(i - 2).is("@")) {
                annotationDepth = 1;
            } else if (token.is("when")) {
                conditions = true;
            } else if (token.isIdentifier()) {
                if (previous.is("@")) {
                    if (!ANNOTATIONS.contains(token.text())) {
                        error(token, "annotation @" + token.text() + " is not allowed: use @id, @description, @owner or @tags");
                    }
                } else if (!HEADER_WORDS.contains(token.text())) {
                    error(token, "'" + token.text() + "' is not allowed in a rule's header: use @id(...), salience, "
                            + "no-loop, enabled, dialect or activation-group");
                }
            }
        }
    }

    /** Every name bound in a rule's conditions ({@code name :}), so consequences may use them. */
    private static Set<String> collectBindings(List<Token> tokens, int from) {
        Set<String> names = new HashSet<>();
        for (int i = from; i + 1 < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.is("then") || token.is("end")) {
                break;
            }
            if (token.isIdentifier() && tokens.get(i + 1).is(":")
                    && !(i + 2 < tokens.size() && tokens.get(i + 2).is(":"))
                    && !(i > 0 && tokens.get(i - 1).is(":"))) {
                names.add(token.text());
            }
        }
        return names;
    }

    private void checkCodeToken(List<Token> tokens, int i, boolean condition, Set<String> bindings, Set<String> locals) {
        Token token = tokens.get(i);
        Token previous = i > 0 ? tokens.get(i - 1) : null;
        Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        if (token.kind() == Token.Kind.SYMBOL) {
            if (token.is("@")) {
                error(token, next != null && next.is("{") ? "MVEL templates (@{...}) are not allowed"
                        : "annotations are not allowed inside conditions or consequences");
            } else if (token.is("-") && next != null && next.is(">") && adjacent(token, next)) {
                error(token, "lambdas (->) are not allowed in rules");
            } else if (token.is(":") && next != null && next.is(":") && adjacent(token, next)) {
                error(token, "method references (::) are not allowed in rules");
            } else if (token.is("#")) {
                error(token, "MVEL casts (#) are not allowed");
            }
            return;
        }
        if (token.kind() == Token.Kind.STRING) {
            if (condition && previous != null && previous.is("matches")) {
                checkRegex(token);
            }
            return;
        }
        if (condition && token.is("matches") && (next == null || next.kind() != Token.Kind.STRING)) {
            error(token, "'matches' needs a literal regular expression in quotes, so it can be checked when the pack is uploaded");
        }
        if (!token.isIdentifier()) {
            return;
        }
        String name = token.text();
        if (previous != null && previous.is(".")) {
            if (!MEMBERS.contains(name)) {
                error(token, "'." + name + "' is not allowed: " + WHY.getOrDefault(name, ALLOWED));
            }
            return;
        }
        if (WHY.containsKey(name) && !(condition && CONDITION_KEYWORDS.contains(name))
                && !bindings.contains(name) && !locals.contains(name)) {
            error(token, "'" + name + "' is not allowed: " + WHY.get(name));
            return;
        }
        if (condition) {
            if (next != null && next.is(":") && !(i + 2 < tokens.size() && tokens.get(i + 2).is(":"))) {
                return; // a binding
            }
            if (CONDITION_KEYWORDS.contains(name) || FACT_PROPERTIES.contains(name) || MEMBERS.contains(name)) {
                return;
            }
        } else if (VALUE_TYPES.contains(name) && next != null && next.isIdentifier()) {
            locals.add(next.text()); // a local variable declaration: String reason = ...
            return;
        }
        if (FACT_TYPES.contains(name) || VALUE_TYPES.contains(name) || CODE_KEYWORDS.contains(name)
                || bindings.contains(name) || locals.contains(name)
                || (!condition && name.equals(DroolsCompiledRules.HITS_GLOBAL))) {
            return;
        }
        error(token, "'" + name + "' is not allowed " + (condition ? "in a condition" : "in a consequence") + ": " + ALLOWED);
    }

    private static final Pattern PLAIN_WORD = Pattern.compile("[a-z0-9_]+");

    private static boolean isPlainAnnotationValue(Token token) {
        return switch (token.kind()) {
            case STRING, NUMBER -> true;
            case IDENTIFIER -> PLAIN_WORD.matcher(token.text()).matches();
            case SYMBOL -> token.is("-") || token.is(".") || token.is(",") || token.is("=");
        };
    }

    private static boolean adjacent(Token a, Token b) {
        return a.line() == b.line() && a.column() + a.text().length() == b.column();
    }

    /** Catastrophic backtracking could hang a condition where no guard can stop it. */
    private void checkRegex(Token literal) {
        String regex = literal.text();
        boolean quoted = regex.length() >= 2 && (regex.charAt(0) == '"' || regex.charAt(0) == '\'')
                && regex.charAt(regex.length() - 1) == regex.charAt(0);
        // the literal as the regex engine will see it: quotes off, DRL's "\\" back to one backslash
        String problem = RegexSafety.problem(quoted ? regex.substring(1, regex.length() - 1).replace("\\\\", "\\") : regex);
        if (problem != null) {
            error(literal, "regular expression " + regex + " can take exponential time on a hostile input (" + problem
                    + ", a nested quantifier or alternation): simplify it (e.g. \"(ab)+\" instead of \"(a+b?)+\","
                    + " \"[ab]+\" instead of \"(a|b)+\")");
        }
    }

    // ---------------------------------------------------------------- reporting

    private void error(BaseDescr where, String message) {
        int column = source.table() || where.getColumn() < 0 ? 0 : where.getColumn() + 1;
        errors.add(new RuleError(source.file(), source.fileLine(where.getLine()), column, message));
    }

    private void error(Token where, String message) {
        errors.add(new RuleError(source.file(), source.fileLine(where.line()), source.table() ? 0 : where.column(), message));
    }

    // ---------------------------------------------------------------- allow-lists

    private static Set<String> allowedMembers() {
        Set<String> members = new HashSet<>();
        members.addAll(STRING_METHODS);
        members.addAll(NUMBER_METHODS);
        members.addAll(COLLECTION_METHODS);
        members.addAll(MATH_METHODS);
        members.addAll(HITS_METHODS);
        members.addAll(factProperties());
        return Set.copyOf(members);
    }

    /** Public instance methods of the fact types and the bean properties they define. */
    private static Set<String> factProperties() {
        Set<String> names = new HashSet<>();
        for (Class<?> type : List.of(Event.class, Features.class)) {
            for (Method method : type.getDeclaredMethods()) {
                if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                String name = method.getName();
                names.add(name);
                property(name, "get").ifPresent(names::add);
                property(name, "is").ifPresent(names::add);
            }
        }
        return Set.copyOf(names);
    }

    private static java.util.Optional<String> property(String method, String prefix) {
        if (method.length() > prefix.length() && method.startsWith(prefix)
                && Character.isUpperCase(method.charAt(prefix.length()))) {
            return java.util.Optional.of(Character.toLowerCase(method.charAt(prefix.length())) + method.substring(prefix.length() + 1));
        }
        return java.util.Optional.empty();
    }

    /** The allowed member names, for documentation and tests. */
    static Set<String> members() {
        return MEMBERS;
    }
}
