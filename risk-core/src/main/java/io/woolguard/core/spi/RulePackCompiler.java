package io.woolguard.core.spi;

import io.woolguard.core.RulePack;
import io.woolguard.core.RulePackRejectedException;

/**
 * Compiles rule packs. Implementations are registered in
 * {@code META-INF/services/io.woolguard.core.spi.RulePackCompiler}. Thread-safe.
 */
public interface RulePackCompiler {
    /**
     * Compiles and sandbox-checks a pack.
     *
     * @return rules ready to evaluate, safe to share between threads
     * @throws RulePackRejectedException with every error (file, line, column, message) if the pack
     *         does not compile or reaches outside what rules may touch
     */
    CompiledRules compile(RulePack pack);
}
