package io.woolguard.rules;

import io.woolguard.core.RulePack;
import io.woolguard.core.RulePackRejectedException;
import io.woolguard.core.spi.CompiledRules;
import io.woolguard.core.spi.RulePackCompiler;
import io.woolguard.rules.internal.PackCompiler;
import java.util.Objects;

/**
 * Compiles rule packs (DRL files and CSV / XLSX decision tables) with Drools 10, after checking
 * every file against the rule sandbox (see {@code docs/RULES.md}). Registered for
 * {@link java.util.ServiceLoader} under {@link RulePackCompiler}.
 *
 * <p>The {@link CompiledRules} it returns share one Drools knowledge base and borrow a pooled
 * session per evaluation: safe to evaluate from many threads at once. Each evaluation is bounded by
 * the engine's {@link io.woolguard.core.spi.EvaluationLimits} (firings and time), and a rule that
 * throws or exceeds them yields {@link io.woolguard.core.spi.RuleEvaluation#failure()}, never an
 * exception.
 *
 * <p>Thread-safe.
 */
public final class DroolsRulePackCompiler implements RulePackCompiler {
    private static final int DEFAULT_POOL_SIZE = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private final PackCompiler compiler;

    /** A compiler keeping a session pool sized for this machine (4 sessions per core, at least 8). */
    public DroolsRulePackCompiler() {
        this(DEFAULT_POOL_SIZE);
    }

    /**
     * A compiler whose compiled packs keep up to {@code sessionPoolSize} idle sessions for reuse
     * (more concurrent evaluations still work; they create sessions).
     *
     * @throws IllegalArgumentException if {@code sessionPoolSize < 1}
     */
    public DroolsRulePackCompiler(int sessionPoolSize) {
        this.compiler = new PackCompiler(sessionPoolSize);
    }

    /**
     * {@inheritDoc}
     *
     * @throws RulePackRejectedException with every error found, each located as {file, line,
     *         column, message} in the analyst's file (for a decision table, the line is the row)
     */
    @Override
    public CompiledRules compile(RulePack pack) {
        Objects.requireNonNull(pack, "pack");
        return compiler.compile(pack);
    }
}
