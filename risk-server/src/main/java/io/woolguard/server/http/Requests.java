package io.woolguard.server.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.woolguard.core.EntityType;
import io.woolguard.core.InvalidEventException;
import io.woolguard.core.ListType;
import io.woolguard.server.auth.Caller;
import io.woolguard.server.problem.RequestTooLargeException;
import java.util.Arrays;
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

    /** At most 64 characters of client text, for error messages. */
    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
