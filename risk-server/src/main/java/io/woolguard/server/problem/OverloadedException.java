package io.woolguard.server.problem;

/** Too many decisions are in flight; the client should retry after a moment (503 with Retry-After). */
public final class OverloadedException extends RuntimeException {
    private final int retryAfterSeconds;

    public OverloadedException(int limit, int retryAfterSeconds) {
        super("the server is at its limit of " + limit + " concurrent decisions; retry in "
                + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds the client should wait. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
