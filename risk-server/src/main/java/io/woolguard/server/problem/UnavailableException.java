package io.woolguard.server.problem;

/** A part the request needs is unavailable for now (503 with Retry-After); sending again later is safe. */
public final class UnavailableException extends RuntimeException {
    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
