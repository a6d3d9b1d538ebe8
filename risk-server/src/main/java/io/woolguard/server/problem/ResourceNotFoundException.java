package io.woolguard.server.problem;

/** The addressed thing (decision, list entry, ruleset version) does not exist (404). */
public final class ResourceNotFoundException extends RuntimeException {
    public ResourceNotFoundException(String message) {
        super(message);
    }
}
