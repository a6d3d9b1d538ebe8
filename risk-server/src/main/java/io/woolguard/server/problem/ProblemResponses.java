package io.woolguard.server.problem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.nio.charset.StandardCharsets;

/** Turns {@link Problem}s into {@code application/problem+json} responses. Stateless, thread-safe. */
public final class ProblemResponses {
    /** The media type of every error body. */
    public static final String PROBLEM_JSON = "application/problem+json";
    /** The same, as a Micronaut media type. */
    public static final MediaType PROBLEM_JSON_TYPE = MediaType.of(PROBLEM_JSON);

    private ProblemResponses() {
    }

    /** A response with the problem's status and body. */
    public static MutableHttpResponse<byte[]> response(Problem problem) {
        return HttpResponse.<byte[]>status(HttpStatus.valueOf(problem.status()))
                .contentType(PROBLEM_JSON_TYPE)
                .body(toJson(problem));
    }

    /** The problem as JSON bytes; null parts are left out. */
    public static byte[] toJson(Problem problem) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", problem.type());
        node.put("title", problem.title());
        node.put("status", problem.status());
        if (problem.detail() != null) {
            node.put("detail", problem.detail());
        }
        if (!problem.errors().isEmpty()) {
            ArrayNode errors = node.putArray("errors");
            for (Problem.ProblemError error : problem.errors()) {
                ObjectNode e = errors.addObject();
                if (error.field() != null) {
                    e.put("field", error.field());
                }
                if (error.file() != null) {
                    e.put("file", error.file());
                }
                if (error.line() != null) {
                    e.put("line", error.line());
                }
                if (error.column() != null) {
                    e.put("column", error.column());
                }
                e.put("message", error.message());
            }
        }
        if (problem.errorId() != null) {
            node.put("errorId", problem.errorId());
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
