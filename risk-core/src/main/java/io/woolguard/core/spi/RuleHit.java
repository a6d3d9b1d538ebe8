package io.woolguard.core.spi;

/**
 * A rule fired: it adds {@code score} with reason {@code code}.
 *
 * @param ruleId  the rule's stable id
 * @param code    the UPPER_SNAKE reason code
 * @param score   0–100
 * @param message a sentence for humans
 */
public record RuleHit(String ruleId, String code, int score, String message) {
}
