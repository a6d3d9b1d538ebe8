package io.woolguard.server.problem;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 9457 problem document, the body of every error response ({@code application/problem+json}).
 *
 * @param type     a stable URI naming the kind of problem, e.g. {@code https://woolguard.io/problems/invalid-fields}
 * @param title    a short summary of the kind of problem
 * @param status   the HTTP status
 * @param detail   what went wrong this time, in words a client developer can act on
 * @param errors   the offending fields or rule-file locations, possibly empty
 * @param errorId  an id that also appears in the server log, set only for unexpected errors
 */
public record Problem(String type, String title, int status, String detail, List<ProblemError> errors, String errorId) {
    /** Every problem type's URI starts with this. */
    public static final String TYPE_BASE = "https://woolguard.io/problems/";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem without field errors. */
    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, List.of(), null);
    }

    /** A problem with field errors. */
    public static Problem withErrors(String slug, String title, int status, String detail, List<ProblemError> errors) {
        return new Problem(TYPE_BASE + slug, title, status, detail, errors, null);
    }

    /**
     * One located error: a request field ({@code field}) or a place in an uploaded rule file
     * ({@code file}, {@code line}, {@code column}). Absent parts are {@code null}.
     */
    public record ProblemError(String field, String file, Integer line, Integer column, String message) {
        /** An error about one request field, named by its dotted path. */
        public static ProblemError field(String field, String message) {
            return new ProblemError(field, null, null, null, message);
        }

        /** An error at a place in a rule file (line and column 1-based, 0 when unknown). */
        public static ProblemError file(String file, int line, int column, String message) {
            return new ProblemError(null, file, line, column, message);
        }
    }
}
