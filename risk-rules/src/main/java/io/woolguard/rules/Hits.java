package io.woolguard.rules;

/**
 * The hit helper rules report through, declared in every rule file as
 * {@code global io.woolguard.rules.Hits hits;}. The rule id is taken from the firing rule's
 * {@code @id} metadata: a rule only says what it found.
 *
 * <pre>{@code hits.add(45, "DEVICE_SHARED_BY_MANY_ACCOUNTS", "device " + e.getDeviceId() + " used by " + f.count("device.accounts_24h") + " accounts in 24h");}</pre>
 *
 * <p>A score outside 0–100 or a reason code that is not UPPER_SNAKE stops the evaluation and is
 * reported as the rule's failure.
 */
public interface Hits {
    /**
     * Adds a hit for the firing rule.
     *
     * @param score   0–100, added to the decision's score (capped at 100 overall)
     * @param code    the stable UPPER_SNAKE reason code storefronts switch on, e.g. {@code NEW_ACCOUNT_CLAIM}
     * @param message a sentence for humans (at most 256 characters are kept); never put personal data in it
     */
    void add(int score, String code, String message);
}
