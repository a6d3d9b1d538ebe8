package io.woolguard.core.internal.rules;

import io.woolguard.core.spi.CompiledRules;
import io.woolguard.core.spi.RuleDescriptor;
import java.util.List;

/**
 * A compiled version ready to evaluate.
 *
 * @param version the version id
 * @param rules   the compiled rules (thread-safe)
 * @param ruleIds the ids of its rules, in file order
 */
public record LoadedRuleset(String version, CompiledRules rules, List<String> ruleIds) {
    public LoadedRuleset {
        ruleIds = List.copyOf(ruleIds);
    }

    static LoadedRuleset of(String version, CompiledRules rules) {
        return new LoadedRuleset(version, rules, rules.rules().stream().map(RuleDescriptor::id).toList());
    }
}
