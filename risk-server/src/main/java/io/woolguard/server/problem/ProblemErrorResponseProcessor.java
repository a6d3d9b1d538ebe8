package io.woolguard.server.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats the errors Micronaut itself produces (unknown route, wrong method, wrong content type,
 * body too large, unconvertible parameter) as problem+json, so that no response anywhere is HTML or
 * Micronaut's own error shape. 5xx details are never passed through.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<byte[]> {

    @Override
    public MutableHttpResponse<byte[]> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        HttpStatus status = base.getStatus();
        int code = status.getCode();
        Problem problem;
        if (code >= 500) {
            problem = context.getRootCause().isPresent()
                    ? ProblemHandlers.unexpected(context.getRequest(), context.getRootCause().get())
                    : Problem.of(slug(status), status.getReason(), code, status.getReason());
        } else {
            List<Problem.ProblemError> errors = new ArrayList<>();
            StringBuilder detail = new StringBuilder();
            for (Error error : context.getErrors()) {
                if (detail.length() > 0) {
                    detail.append("; ");
                }
                detail.append(error.getMessage());
                error.getPath().ifPresent(path -> errors.add(Problem.ProblemError.field(path, error.getMessage())));
            }
            String text = detail.length() == 0 || code == 404 ? defaultDetail(context, status) : detail.toString();
            problem = Problem.withErrors(slug(status), title(status), code, text, errors);
        }
        MutableHttpResponse<byte[]> response = base.contentType(ProblemResponses.PROBLEM_JSON_TYPE)
                .body(ProblemResponses.toJson(problem));
        return response;
    }

    private static String defaultDetail(ErrorContext context, HttpStatus status) {
        return switch (status.getCode()) {
            case 404 -> "no resource at " + context.getRequest().getMethodName() + " " + context.getRequest().getPath();
            case 405 -> context.getRequest().getMethodName() + " is not allowed on " + context.getRequest().getPath();
            case 415 -> "unsupported content type; send application/json";
            default -> status.getReason();
        };
    }

    private static String title(HttpStatus status) {
        return switch (status.getCode()) {
            case 400 -> "Malformed request";
            default -> status.getReason();
        };
    }

    private static String slug(HttpStatus status) {
        return switch (status.getCode()) {
            case 400 -> "malformed-request";
            case 413 -> "payload-too-large";
            case 500 -> "internal-error";
            default -> status.getReason().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        };
    }
}
