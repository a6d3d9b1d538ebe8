package io.woolguard.server.problem;

/** The request body has a content type the endpoint does not read (415). */
public final class UnsupportedBodyTypeException extends RuntimeException {
    public UnsupportedBodyTypeException(String contentType, String expected) {
        super("content type '" + contentType + "' is not supported here; send " + expected);
    }
}
