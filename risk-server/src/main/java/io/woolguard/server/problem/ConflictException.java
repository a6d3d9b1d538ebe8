package io.woolguard.server.problem;

/** The request is valid but conflicts with the current state, e.g. rolling back with nothing to go back to (409). */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
