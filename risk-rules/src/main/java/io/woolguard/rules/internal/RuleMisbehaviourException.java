package io.woolguard.rules.internal;

/** A rule broke the hit helper's contract; the evaluation stops and reports {@link #getMessage()}. */
final class RuleMisbehaviourException extends RuntimeException {
    RuleMisbehaviourException(String message) {
        super(message, null, false, false);
    }
}
