package io.woolguard.rules;

import static org.junit.jupiter.api.Assertions.*;

import io.woolguard.core.spi.CompiledRules;
import org.junit.jupiter.api.Test;

class DefaultPackCompilesTest {
    @Test
    void defaultPack_compiles() {
        CompiledRules rules = new DroolsRulePackCompiler().compile(RulePacks.defaultPack());
        rules.rules().forEach(System.out::println);
        assertTrue(rules.rules().size() >= 20);
    }
}
