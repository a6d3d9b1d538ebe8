package io.woolguard.server.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.woolguard.core.EntityType;
import io.woolguard.core.FieldError;
import io.woolguard.core.InvalidEventException;
import io.woolguard.core.ListType;
import io.woolguard.server.auth.Caller;
import io.woolguard.server.problem.RequestTooLargeException;
import io.woolguard.server.problem.UnsupportedBodyTypeException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Small helpers shared by the controllers. Stateless. */
final class Requests {
    private Requests() {
    }

    /** The authenticated caller's actor name (the auth filter guarantees one on protected routes). */
    static String actor(HttpRequest<?> request) {
        return request.getAttribute(Caller.ATTRIBUTE, Caller.class).map(Caller::actor)
                .orElseThrow(() -> new IllegalStateException("no authenticated caller on " + request.getPath()));
    }

    /** Throws 413 when {@code body} is over {@code limit}. */
    static byte[] limited(byte[] body, int limit, String what) {
        if (body != null && body.length > limit) {
            throw new RequestTooLargeException(what, limit, body.length);
        }
        return body;
    }

    /** A 200/201/202 JSON response of already-serialized bytes. */
    static MutableHttpResponse<byte[]> json(io.micronaut.http.HttpStatus status, byte[] body) {
        return HttpResponse.<byte[]>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }

    /** Parses an entity type path segment (any case), or 422 naming the field and the allowed values. */
    static EntityType entityType(String text, String field) {
        try {
            return EntityType.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(field, "must be one of " + Arrays.toString(EntityType.values())
                    + ", got '" + abbreviate(text) + "'");
        }
    }

    /** Parses a list name path segment (any case), or 422. */
    static ListType listType(String text) {
        try {
            return ListType.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("list", "must be one of " + Arrays.toString(ListType.values())
                    + ", got '" + abbreviate(text) + "'");
        }
    }

    /**
     * The last path segment exactly as the client meant it: percent-decoded, with a literal
     * {@code +} kept as a plus (phone numbers), not turned into a space as form decoding would.
     */
    static String lastPathSegment(HttpRequest<?> request) {
        String raw = request.getUri().getRawPath();
        String segment = raw.substring(raw.lastIndexOf('/') + 1);
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("path", "has a malformed percent-encoding: " + abbreviate(segment));
        }
    }

    /** Throws 415 unless a body's declared type (if any) is JSON. */
    static void requireJson(HttpRequest<?> request) {
        MediaType type = request.getContentType().orElse(null);
        if (type != null && !type.matches(MediaType.APPLICATION_JSON_TYPE)) {
            throw new UnsupportedBodyTypeException(type.toString(), "application/json");
        }
    }

    /**
     * The optional whole-number field {@code field} of a JSON object, from 1 to {@code max}; null when
     * absent or null, and also when invalid, after adding a {@link FieldError} that names it.
     *
     * @param unit what it counts, for the message ("seconds"), or null
     */
    static Long wholeNumber(JsonNode node, String field, String unit, long max, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.longValue() < 1 || value.longValue() > max) {
            errors.add(new FieldError(field, "must be a whole number " + (unit == null ? "" : "of " + unit + " ") + "from 1 to " + max));
            return null;
        }
        return value.longValue();
    }

    /** At most 64 characters of client text, for error messages. */
    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
