package io.woolguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.testing.EngineFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RiskEngineBuilderTest {
    private final Path nowhere = Path.of("target", "never-opened");

    @Test
    void build_withoutDataDirectory_saysToSetIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RiskEngine.builder().build());
        assertTrue(e.getMessage().startsWith("dataDirectory is required: call dataDirectory(Path)"), e.getMessage());
    }

    @Test
    void settingAnOptionTwice_failsNamingIt() {
        assertEquals("dataDirectory was already set; set each option once (build a new builder to start over)",
                assertThrows(IllegalStateException.class,
                        () -> RiskEngine.builder().dataDirectory(nowhere).dataDirectory(nowhere)).getMessage());
        assertTrue(assertThrows(IllegalStateException.class,
                () -> RiskEngine.builder().clock(Clock.systemUTC()).clock(Clock.systemUTC())).getMessage().startsWith("clock was already set"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> RiskEngine.builder().watchScore(10).watchScore(20)).getMessage().startsWith("watchScore was already set"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> RiskEngine.builder().fallbackOutcome(Outcome.ALLOW).fallbackOutcome(Outcome.REVIEW)).getMessage()
                .startsWith("fallbackOutcome was already set"));
    }

    @Test
    void rulesAndInitialRulesTogether_areRefusedWithAdvice() {
        RulePack pack = EngineFixture.pack("p", "r CODE 1 always");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RiskEngine.builder().dataDirectory(nowhere).rules(pack).initialRules(pack).build());
        assertTrue(e.getMessage().contains("use rules(...) to always run a pack, or initialRules(...)"), e.getMessage());
    }

    @Test
    void badValues_areRefusedAtTheSetter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RiskEngine.builder().fallbackOutcome(Outcome.BLOCK))
                .getMessage().startsWith("fallbackOutcome must be ALLOW or REVIEW, got BLOCK"));
        assertThrows(IllegalArgumentException.class, () -> RiskEngine.builder().watchScore(101));
        assertThrows(IllegalArgumentException.class, () -> RiskEngine.builder().personalDataKey(new byte[8]));
        assertThrows(IllegalArgumentException.class, () -> RiskEngine.builder().decisionRetention(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RiskEngine.builder().featureCacheSize(0));
    }

    @Test
    void build_withNoRuleCompilerOnTheClasspath_saysToAddRiskRules() {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader()); // sees no META-INF/services of ours
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> RiskEngine.builder().dataDirectory(nowhere).build());
            assertEquals("no RulePackCompiler found: add risk-rules to the classpath, or pass one with ruleCompiler(...)",
                    e.getMessage());
        } finally {
            thread.setContextClassLoader(original);
        }
        assertTrue(!java.nio.file.Files.exists(nowhere), "nothing was created before the check");
    }
}
