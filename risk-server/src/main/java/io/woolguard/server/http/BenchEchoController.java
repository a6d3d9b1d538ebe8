package io.woolguard.server.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.json.tree.JsonNode;

/**
 * {@code POST /bench/echo}: returns its JSON body, decoded and re-encoded by Micronaut's own JSON
 * stack. Exists only when {@code woolguard.bench.echo-enabled=true} (404 otherwise), so that a load
 * generator can measure plain Micronaut JSON on the same server and compare the decision endpoint
 * with it. Runs on the event loop, as a plain Micronaut JSON endpoint would.
 */
@Controller("/bench")
@Requires(property = "woolguard.bench.echo-enabled", value = "true")
public final class BenchEchoController {

    /** Echoes the body. */
    @Post("/echo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonNode echo(@Body JsonNode body) {
        return body;
    }
}
