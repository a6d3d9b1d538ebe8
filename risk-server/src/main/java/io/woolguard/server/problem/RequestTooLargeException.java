package io.woolguard.server.problem;

/** The request body is larger than the endpoint accepts (413). */
public final class RequestTooLargeException extends RuntimeException {
    private final long limitBytes;

    /**
     * @param what       what was too large, e.g. "a decision request body"
     * @param limitBytes the configured limit
     * @param actual     the size seen
     */
    public RequestTooLargeException(String what, long limitBytes, long actual) {
        super(what + " may be at most " + limitBytes + " bytes, got " + actual);
        this.limitBytes = limitBytes;
    }

    /** The configured limit in bytes. */
    public long limitBytes() {
        return limitBytes;
    }
}
