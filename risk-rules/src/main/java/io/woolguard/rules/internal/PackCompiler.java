package io.woolguard.rules.internal;

import io.woolguard.core.RuleError;
import io.woolguard.core.RulePack;
import io.woolguard.core.RulePackRejectedException;
import io.woolguard.core.spi.RuleDescriptor;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.drools.io.ByteArrayResource;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.io.Resource;
import org.drools.compiler.builder.impl.KnowledgeBuilderImpl;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.conf.AlphaRangeIndexThresholdOption;

/**
 * Turns a {@link RulePack} into {@link DroolsCompiledRules}: expand decision tables, parse, run
 * the {@link Sandbox} over every file, and only then let Drools compile. Every problem found is
 * collected and reported at once, located in the analyst's file.
 */
public final class PackCompiler {
    /**
     * Diagnostic switch, read at each compile: {@code drools} builds packs with Drools' own alpha range
     * index and its default threshold (as before {@link SortedRangeIndex}), for comparisons; anything else,
     * or unset, the default.
     */
    public static final String RANGE_INDEX_PROPERTY = "woolguard.rules.rangeIndex";
    /**
     * How many threshold constraints on one property of a fact make Drools range-index them rather than
     * evaluate each ({@code drools.alphaNodeRangeIndexThreshold}, 9 by default). A {@link SortedRangeIndex}
     * lookup costs about what evaluating one or two constraints does, so three are indexed.
     */
    static final int RANGE_INDEX_THRESHOLD = 3;
    /** Diagnostic override of {@link #RANGE_INDEX_THRESHOLD}, read at each compile (0: no range indexes). */
    public static final String RANGE_INDEX_THRESHOLD_PROPERTY = "woolguard.rules.rangeIndexThreshold";

    private final int sessionPoolSize;

    /** A compiler whose packs keep up to {@code sessionPoolSize} idle sessions for reuse. */
    public PackCompiler(int sessionPoolSize) {
        if (sessionPoolSize < 1) {
            throw new IllegalArgumentException("sessionPoolSize must be >= 1, got " + sessionPoolSize);
        }
        this.sessionPoolSize = sessionPoolSize;
    }

    /** Compiles {@code pack}; throws {@link RulePackRejectedException} with every error found. */
    public DroolsCompiledRules compile(RulePack pack) {
        List<RuleError> errors = new ArrayList<>();
        List<RuleSource> sources = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : pack.files().entrySet()) {
            RuleSource source = toSource(file.getKey(), file.getValue(), errors);
            if (source != null) {
                sources.add(source);
            }
        }
        List<RuleDescriptor> rules = new ArrayList<>();
        Map<RuleSource, PackageDescr> parsed = new LinkedHashMap<>();
        for (RuleSource source : sources) {
            PackageDescr descr = parse(source, errors);
            if (descr != null) {
                parsed.put(source, descr);
                Sandbox.Verdict verdict = Sandbox.check(source, descr);
                errors.addAll(verdict.errors());
                rules.addAll(verdict.rules());
            }
        }
        checkUniqueIds(rules, errors);
        if (errors.isEmpty() && rules.isEmpty()) {
            errors.add(new RuleError(sources.isEmpty() ? pack.files().keySet().iterator().next() : sources.get(0).file(),
                    0, 0, "the pack has no rules"));
        }
        if (!errors.isEmpty()) {
            throw new RulePackRejectedException(errors);
        }
        ConditionRewriter.Result rewritten = new ConditionRewriter.Result(0, 0);
        for (PackageDescr descr : parsed.values()) {
            rewritten = rewritten.plus(ConditionRewriter.rewrite(descr));
        }
        KieBase kieBase = build(parsed);
        DroolsCompiledRules compiled = new DroolsCompiledRules(kieBase, rules, sessionPoolSize,
                rewritten.merged() > 0, rewritten.unmerged() > 0);
        WarmUp.run(compiled);
        return compiled;
    }

    private static RuleSource toSource(String file, byte[] content, List<RuleError> errors) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".drl")) {
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(content)).toString();
                return RuleSource.drl(file, text);
            } catch (CharacterCodingException e) {
                errors.add(new RuleError(file, 0, 0, "not valid UTF-8 text"));
                return null;
            }
        }
        if (DecisionTables.isTable(file)) {
            try {
                return DecisionTables.toDrl(file, content);
            } catch (DecisionTables.TableException e) {
                errors.add(e.error());
                return null;
            }
        }
        errors.add(new RuleError(file, 0, 0, "unsupported file type: a pack holds DRL files (.drl) and decision tables (.csv, .xlsx)"));
        return null;
    }

    private static PackageDescr parse(RuleSource source, List<RuleError> errors) {
        DrlParser parser = new DrlParser();
        PackageDescr descr;
        try {
            descr = parser.parse(resource(source), new StringReader(source.drl()));
        } catch (DroolsParserException | RuntimeException e) {
            errors.add(new RuleError(source.file(), 0, 0, "does not parse: " + e.getMessage()));
            return null;
        }
        if (parser.hasErrors() || descr == null) {
            for (DroolsError error : parser.getErrors()) {
                errors.add(locate(source, error));
            }
            if (parser.getErrors().isEmpty()) {
                errors.add(new RuleError(source.file(), 0, 0, "does not parse"));
            }
            return null;
        }
        return descr;
    }

    private static void checkUniqueIds(List<RuleDescriptor> rules, List<RuleError> errors) {
        Map<String, RuleDescriptor> seen = new HashMap<>();
        for (RuleDescriptor rule : rules) {
            RuleDescriptor first = seen.putIfAbsent(rule.id(), rule);
            if (first != null) {
                errors.add(new RuleError(rule.file(), 0, 0, "rule '" + rule.name() + "' has @id(\"" + rule.id()
                        + "\"), already used by rule '" + first.name() + "' in " + first.file() + ": ids must be unique in a pack"));
            }
        }
    }

    /**
     * Builds from the descriptions the sandbox approved (no second parse, and exactly what was checked is
     * compiled, after {@link ConditionRewriter}). Consequences compile at the Java 8 language level: string
     * concatenation then compiles to a {@code StringBuilder}, not an {@code invokedynamic} call site per
     * concatenation, which a rule that fires now and then would run through slow method-handle linkage
     * (the sandbox admits no newer syntax anyway). Threshold constraints on a property are range-indexed
     * from {@value #RANGE_INDEX_THRESHOLD} per property on, with {@link SortedRangeIndex} (unless
     * {@link #RANGE_INDEX_PROPERTY} says {@code drools}).
     */
    private KieBase build(Map<RuleSource, PackageDescr> parsed) {
        Properties options = new Properties();
        options.setProperty("drools.dialect.java.compiler.lnglevel", "1.8");
        KnowledgeBuilderImpl builder = (KnowledgeBuilderImpl) KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(options, PackCompiler.class.getClassLoader()));
        Map<String, RuleSource> byPath = new LinkedHashMap<>();
        for (Map.Entry<RuleSource, PackageDescr> entry : parsed.entrySet()) {
            byPath.put(entry.getValue().getResource().getSourcePath(), entry.getKey());
            builder.addPackage(entry.getValue());
        }
        if (builder.hasErrors()) {
            RuleSource first = parsed.keySet().iterator().next();
            List<RuleError> errors = new ArrayList<>();
            for (KnowledgeBuilderError error : builder.getErrors()) {
                Resource resource = error.getResource();
                RuleSource source = resource == null ? null : byPath.get(resource.getSourcePath());
                errors.add(source == null
                        ? new RuleError(first.file(), 0, 0, clean(error.getMessage()))
                        : locate(source, error));
            }
            throw new RulePackRejectedException(errors);
        }
        boolean droolsIndex = "drools".equals(System.getProperty(RANGE_INDEX_PROPERTY));
        KieBaseConfiguration configuration = KieServices.get().newKieBaseConfiguration();
        if (!droolsIndex) {
            configuration.setOption(AlphaRangeIndexThresholdOption.get(
                    Integer.getInteger(RANGE_INDEX_THRESHOLD_PROPERTY, RANGE_INDEX_THRESHOLD)));
        }
        KieBase kieBase = builder.newKnowledgeBase(configuration);
        if (!droolsIndex) {
            SortedRangeIndex.install(kieBase);
        }
        return kieBase;
    }

    private static Resource resource(RuleSource source) {
        Resource resource = new ByteArrayResource(source.drl().getBytes(StandardCharsets.UTF_8), "UTF-8");
        resource.setSourcePath(source.table() ? source.file() + ".drl" : source.file());
        return resource;
    }

    private static RuleError locate(RuleSource source, KnowledgeBuilderError error) {
        int[] lines = error.getLines();
        int line = lines != null && lines.length > 0 ? lines[0] : 0;
        int column = 0;
        if (error instanceof ParserError parserError) {
            line = parserError.getRow();
            column = source.table() ? 0 : Math.max(parserError.getCol(), 0) + 1;
        }
        return new RuleError(source.file(), source.fileLine(line), column, clean(error.getMessage()));
    }

    private static String clean(String message) {
        if (message == null) {
            return "compile error";
        }
        String oneLine = message.strip().replaceAll("\\s*\\n\\s*", " ");
        return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 500) + "...";
    }
}
