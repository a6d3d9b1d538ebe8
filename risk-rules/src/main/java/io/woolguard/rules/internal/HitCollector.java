package io.woolguard.rules.internal;

import io.woolguard.core.Reason;
import io.woolguard.core.spi.RuleHit;
import io.woolguard.rules.Hits;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@link Hits} of a pooled session: knows which rule is firing (set by {@link EvaluationGuard}
 * just before each firing) and collects the hits of the evaluation under way ({@link #clear} starts
 * the next). Set as the session's global once, when the session is created. Not thread-safe: one
 * per session, which runs one evaluation at a time. Hits come out in the order they were added: the
 * agenda's firing order.
 */
public final class HitCollector implements Hits {
    static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");
    private static final int MAX_MESSAGE = 256;
    private static final int MAX_HITS = 10_000;

    /** The rule id hits get when no rule is firing. */
    private static final String NONE = "?";

    private final List<RuleHit> hits = new ArrayList<>(4);
    private String firingRuleId = NONE;

    /** @param ruleId the {@code @id} of the rule about to fire */
    void firing(String ruleId) {
        this.firingRuleId = ruleId;
    }

    /** The id of the rule firing now (or last fired). */
    String firingRuleId() {
        return firingRuleId;
    }

    /** The hits so far, in the order added (a live view: copy it before the next {@link #clear}). */
    List<RuleHit> hits() {
        return hits;
    }

    /** Forgets the last evaluation's hits and firing rule. */
    void clear() {
        hits.clear();
        firingRuleId = NONE;
    }

    /** Same as {@link #REASON_CODE}{@code .matcher(code).matches()}, without a matcher per hit. */
    static boolean isReasonCode(String code) {
        return code != null && code.length() >= 2 && Reason.isValidCode(code);
    }

    @Override
    public void add(int score, String code, String message) {
        if (score < 0 || score > 100) {
            throw new RuleMisbehaviourException("rule " + firingRuleId + " added score " + score + ": scores must be 0-100");
        }
        if (!isReasonCode(code)) {
            throw new RuleMisbehaviourException("rule " + firingRuleId + " added reason code '" + code
                    + "': codes must be UPPER_SNAKE, 2-64 characters");
        }
        if (hits.size() >= MAX_HITS) {
            throw new RuleMisbehaviourException("rule " + firingRuleId + " added more than " + MAX_HITS + " hits");
        }
        String text = message == null ? "" : message;
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE - 3) + "...";
        }
        hits.add(new RuleHit(firingRuleId, code, score, text));
    }
}
