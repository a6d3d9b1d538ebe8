package io.woolguard.server.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.woolguard.core.FieldError;
import io.woolguard.core.InvalidEventException;
import io.woolguard.core.RuleError;
import io.woolguard.core.RulePackRejectedException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exception handlers that turn every failure into {@code application/problem+json}. Each is a
 * small bean; Micronaut picks the one whose exception type is closest to what was thrown.
 */
public final class ProblemHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

    private ProblemHandlers() {
    }

    /** Bad input: 400 when the body is not JSON at all (field {@code body}), else 422 naming every field. */
    @Singleton
    @Produces
    @Requires(classes = {InvalidEventException.class, ExceptionHandler.class})
    public static final class InvalidInput implements ExceptionHandler<InvalidEventException, HttpResponse<byte[]>> {
        @Override
        public HttpResponse<byte[]> handle(HttpRequest request, InvalidEventException exception) {
            List<Problem.ProblemError> errors = exception.errors().stream()
                    .map(e -> Problem.ProblemError.field(e.field(), e.message())).toList();
            boolean malformed = exception.errors().stream().map(FieldError::field).anyMatch("body"::equals);
            if (malformed) {
                String detail = exception.errors().stream().filter(e -> e.field().equals("body"))
                        .map(e -> "the request body " + e.message()).findFirst().orElse(exception.getMessage());
                return ProblemResponses.response(Problem.withErrors("malformed-json", "Malformed JSON", 400, detail, errors));
            }
            return ProblemResponses.response(Problem.withErrors("invalid-fields", "Invalid fields", 422,
                    exception.getMessage(), errors));
        }
    }

    /** A rule pack that does not compile: 422 with file, line, column and message per error. */
    @Singleton
    @Produces
    @Requires(classes = {RulePackRejectedException.class, ExceptionHandler.class})
    public static final class RejectedRules implements ExceptionHandler<RulePackRejectedException, HttpResponse<byte[]>> {
        @Override
        public HttpResponse<byte[]> handle(HttpRequest request, RulePackRejectedException exception) {
            List<Problem.ProblemError> errors = exception.errors().stream()
                    .map((RuleError e) -> Problem.ProblemError.file(e.file(), e.line(), e.column(), e.message()))
                    .toList();
            return ProblemResponses.response(Problem.withErrors("rule-pack-rejected", "Rule pack rejected", 422,
                    "the rule pack has " + errors.size() + " error(s); nothing was stored", errors));
        }
    }

    /** An argument the core refused: 422 with its message. */
    @Singleton
    @Produces
    @Requires(classes = {IllegalArgumentException.class, ExceptionHandler.class})
    public static final class IllegalArgument implements ExceptionHandler<IllegalArgumentException, HttpResponse<byte[]>> {
        @Override
        public HttpResponse<byte[]> handle(HttpRequest request, IllegalArgumentException exception) {
            return ProblemResponses.response(Problem.of("invalid-request", "Invalid request", 422,
                    String.valueOf(exception.getMessage())));
        }
    }

    /** A body over the endpoint's limit: 413. */
    @Singleton
    @Produces
    @Requires(classes = {RequestTooLargeException.class, ExceptionHandler.class})
    public static final class TooLarge implements ExceptionHandler<RequestTooLargeException, HttpResponse<byte[]>> {
        @Override
        public HttpResponse<byte[]> handle(HttpRequest request, RequestTooLargeException exception) {
            return ProblemResponses.response(Problem.of("payload-too-large", "Payload too large", 413,
                    exception.getMessage()));
        }
    }

    /** Too many decisions in flight: a fast 503 with Retry-After. */
    @Singleton
    @Produces
    @Requires(classes = {OverloadedException.class, ExceptionHandler.class})
    public static final class Overloaded implements ExceptionHandler<OverloadedException, HttpResponse<byte[]>> {
        @Override
        public HttpResponse<byte[]> handle(HttpRequest request, OverloadedException exception) {
            return ProblemResponses.response(Problem.of("overloaded", "Overloaded", 503, exception.getMessage()))
                    .header("Retry-After", Integer.toString(exception.retryAfterSeconds()));
        }
    }

    /** A needed part is unavailable for now: 503 with Retry-After. */
    @Singleton
    @Produces
    @Requires(classes = {UnavailableException.class, ExceptionHandler.class})
    public static final class Unavailable implements ExceptionHandler<UnavailableException, HttpResponse<byte[]>> {
        @Override
        public HttpResponse<byte[]> handle(HttpRequest request, UnavailableException exception) {
            return ProblemResponses.response(Problem.of("unavailable", "Service Unavailable", 503, exception.getMessage()))
                    .header("Retry-After", "1");
        }
    }

    /** An unknown decision, list entry or ruleset version: 404. */
    @Singleton
    @Produces
    @Requires(classes = {ResourceNotFoundException.class, ExceptionHandler.class})
    public static final class NotFound implements ExceptionHandler<ResourceNotFoundException, HttpResponse<byte[]>> {
        @Override
        public HttpResponse<byte[]> handle(HttpRequest request, ResourceNotFoundException exception) {
            return ProblemResponses.response(Problem.of("not-found", "Not found", 404, exception.getMessage()));
        }
    }

    /** The core's "no such element" (e.g. an unknown ruleset version): 404. */
    @Singleton
    @Produces
    @Requires(classes = {NoSuchElementException.class, ExceptionHandler.class})
    public static final class NoSuchElement implements ExceptionHandler<NoSuchElementException, HttpResponse<byte[]>> {
        @Override
        public HttpResponse<byte[]> handle(HttpRequest request, NoSuchElementException exception) {
            return ProblemResponses.response(Problem.of("not-found", "Not found", 404, exception.getMessage()));
        }
    }

    /** A body of the wrong content type: 415. */
    @Singleton
    @Produces
    @Requires(classes = {UnsupportedBodyTypeException.class, ExceptionHandler.class})
    public static final class UnsupportedType implements ExceptionHandler<UnsupportedBodyTypeException, HttpResponse<byte[]>> {
        @Override
        public HttpResponse<byte[]> handle(HttpRequest request, UnsupportedBodyTypeException exception) {
            return ProblemResponses.response(Problem.of("unsupported-media-type", "Unsupported Media Type", 415,
                    exception.getMessage()));
        }
    }

    /** A state conflict: 409. */
    @Singleton
    @Produces
    @Requires(classes = {ConflictException.class, ExceptionHandler.class})
    public static final class Conflict implements ExceptionHandler<ConflictException, HttpResponse<byte[]>> {
        @Override
        public HttpResponse<byte[]> handle(HttpRequest request, ConflictException exception) {
            return ProblemResponses.response(Problem.of("conflict", "Conflict", 409, exception.getMessage()));
        }
    }

    /**
     * Anything else is a bug on our side: a generic 500 problem that carries an error id, and the
     * stack trace only in the log under that id. Never leaks internals to the client.
     */
    @Singleton
    @Produces
    @Requires(classes = ExceptionHandler.class)
    public static final class Unexpected implements ExceptionHandler<Exception, HttpResponse<byte[]>> {
        @Override
        public HttpResponse<byte[]> handle(HttpRequest request, Exception exception) {
            return ProblemResponses.response(unexpected(request, exception));
        }
    }

    /** Logs an unexpected error under a fresh id and returns the generic problem that names the id. */
    static Problem unexpected(HttpRequest<?> request, Throwable exception) {
        String errorId = UUID.randomUUID().toString();
        LOG.error("Unexpected error {} while handling {} {}", errorId, request.getMethodName(), request.getPath(), exception);
        return new Problem(Problem.TYPE_BASE + "internal-error", "Internal error", 500,
                "an unexpected error occurred; quote error id " + errorId + " when reporting it", List.of(), errorId);
    }
}
