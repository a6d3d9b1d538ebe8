package io.woolguard.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexSafetyTest {
    @ParameterizedTest
    @ValueSource(strings = {"(a+)+b", "(a|aa)+$", "(a|a)*b", "((ab)?c)+", "((a+))+", "(\\w?){20}\\w{20}", "(x+x+)+y",
            "(?:a|ab)+c", "(?i:(bot|b)+)", "(.*a){12}", "([a-z]+)*$", "(a|b){2,}"})
    void problem_refusesRepeatedGroupsThatCanMatchInManyWays(String regex) {
        assertEquals("a repeated group can match the same text in more than one way", RegexSafety.problem(regex), regex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a)\\1", "(?<w>a)\\k<w>"})
    void problem_refusesBackReferences(String regex) {
        assertEquals("it uses a back-reference", RegexSafety.problem(regex), regex);
    }

    @ParameterizedTest
    @ValueSource(strings = {".*(bot|crawler|spider).*", "(?i).*headless.*", "(ab)+",
            "(?:ha){2,}", "[(a+)+]+", "\\(a+\\)+", "(?i)(okhttp|curl|wget)/.*", "(a|b)?c", "(ab+)?", "x{3}(y|z)",
            "Mozilla/5\\.0 \\(X11; Linux x86_64\\).*HeadlessChrome/\\d+", "\\d{11}", "(?=a)a+"})
    void problem_allowsOrdinaryPatterns(String regex) {
        assertNull(RegexSafety.problem(regex), regex);
    }
}
