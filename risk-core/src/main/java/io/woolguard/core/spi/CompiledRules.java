package io.woolguard.core.spi;

import java.util.List;

/** A compiled rule pack. Immutable and thread-safe: many threads evaluate it at once. */
public interface CompiledRules {
    /** The rules in the pack, in file order. */
    List<RuleDescriptor> rules();

    /**
     * Evaluates every rule against one event and its features.
     *
     * <p>Never throws for a rule's own misbehaviour: exceeding {@code limits} or a rule throwing
     * is reported in {@link RuleEvaluation#failure()} with the hits gathered so far.
     */
    RuleEvaluation evaluate(RuleInput input, EvaluationLimits limits);
}
