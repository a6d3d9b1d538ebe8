package io.woolguard.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.woolguard.core.EntityLists;
import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.FieldError;
import io.woolguard.core.InvalidEventException;
import io.woolguard.core.Label;
import io.woolguard.core.ListEntry;
import io.woolguard.core.ListType;
import io.woolguard.core.PersonalDataKind;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.json.WoolguardJson;
import io.woolguard.server.config.LimitsConfiguration;
import io.woolguard.server.engine.EngineRuntime;
import io.woolguard.server.problem.ResourceNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What analysts maintain and read besides rules: labels ({@code POST /v1/labels}), the BLOCK /
 * ALLOW / WATCH lists ({@code /v1/lists/...}) and an entity's current features
 * ({@code GET /v1/features/{entityType}/{id}}).
 */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class AnalystController {
    /** Longest list TTL accepted: ten years. */
    static final long MAX_TTL_SECONDS = 10L * 366 * 24 * 3600;
    private static final int DEFAULT_PAGE = 100;
    private static final java.util.regex.Pattern HASH = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    private final RiskEngine engine;
    private final Clock clock;
    private final LimitsConfiguration limits;

    public AnalystController(EngineRuntime runtime, Clock clock, LimitsConfiguration limits) {
        this.engine = runtime.engine();
        this.clock = clock;
        this.limits = limits;
    }

    /** Records a FRAUD or LEGIT label; FRAUD flags the entity's linked-account cluster. 202 with the label. */
    @Post("/labels")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> label(@Body byte[] body) {
        Label label = WoolguardJson.readLabelRequest(Requests.limited(body, limits.decisionBodyBytes(), "a label body"), clock);
        engine.label(label);
        return Requests.json(HttpStatus.ACCEPTED, WoolguardJson.writeLabel(storedForm(label)));
    }

    /** Adds or replaces a list entry; body optional: {@code {"ttlSeconds": 3600, "reason": "..."}}. */
    @Put("/lists/{list}/{entityType}/{value:[^/]+}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> putListEntry(@PathVariable String list, @PathVariable String entityType,
                                             @PathVariable("value") String ignoredDecodedValue,
                                             @Nullable @Body byte[] body, HttpRequest<?> request) {
        String value = Requests.lastPathSegment(request);
        ListType listType = Requests.listType(list);
        EntityType type = Requests.entityType(entityType, "entityType");
        Duration ttl = null;
        String reason = null;
        if (body != null && body.length > 0) {
            Requests.requireJson(request);
            JsonNode node = WoolguardJson.parse(Requests.limited(body, limits.decisionBodyBytes(), "a list entry body"));
            if (!node.isObject()) {
                throw new InvalidEventException("body", "must be a JSON object like {\"ttlSeconds\": 3600, \"reason\": \"...\"}");
            }
            List<FieldError> errors = new ArrayList<>();
            Long ttlSeconds = Requests.wholeNumber(node, "ttlSeconds", "seconds", MAX_TTL_SECONDS, errors);
            if (ttlSeconds != null) {
                ttl = Duration.ofSeconds(ttlSeconds);
            }
            JsonNode reasonNode = node.get("reason");
            if (reasonNode != null && !reasonNode.isNull()) {
                if (!reasonNode.isTextual()) {
                    errors.add(new FieldError("reason", "must be a string"));
                } else {
                    reason = reasonNode.textValue();
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidEventException(errors);
            }
        }
        ListEntry entry = engine.lists().put(listType, type, value, ttl, reason, Requests.actor(request));
        return Requests.json(HttpStatus.OK, WoolguardJson.writeListEntry(entry));
    }

    /** Removes a list entry: 204, or 404 if there was none. */
    @Delete("/lists/{list}/{entityType}/{value:[^/]+}")
    public HttpResponse<?> removeListEntry(@PathVariable String list, @PathVariable String entityType,
                                           @PathVariable("value") String ignoredDecodedValue,
                                           HttpRequest<?> request) {
        String value = Requests.lastPathSegment(request);
        ListType listType = Requests.listType(list);
        EntityType type = Requests.entityType(entityType, "entityType");
        if (!engine.lists().remove(listType, type, value, Requests.actor(request))) {
            throw new ResourceNotFoundException("no " + listType + " entry for " + type + " '"
                    + Requests.abbreviate(value) + "'");
        }
        return HttpResponse.noContent();
    }

    /** One page of a list's live entries; {@code nextCursor} goes into {@code after} for the next page. */
    @Get("/lists/{list}")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> pageList(@PathVariable String list, @Nullable @QueryValue String after,
                                         @Nullable @QueryValue Integer limit) {
        ListType listType = Requests.listType(list);
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > 1_000) {
            throw new InvalidEventException("limit", "must be from 1 to 1000, got " + size);
        }
        EntityLists.ListPage page = engine.lists().page(listType, after == null || after.isEmpty() ? null : after, size);
        ObjectNode node = WoolguardJson.mapper().createObjectNode();
        node.put("list", listType.name());
        ArrayNode entries = node.putArray("entries");
        page.entries().forEach(e -> entries.add(WoolguardJson.listEntryNode(e)));
        node.put("nextCursor", page.nextCursor()); // null on the last page
        return Requests.json(HttpStatus.OK, WoolguardJson.bytes(node));
    }

    /** The stored features of one entity; personal-data ids may be given raw or as their hash. */
    @Get("/features/{entityType}/{id:[^/]+}")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> features(@PathVariable String entityType, @PathVariable("id") String ignoredDecodedId,
                                         HttpRequest<?> request) {
        String id = Requests.lastPathSegment(request);
        EntityType type = Requests.entityType(entityType, "entityType");
        FeatureVector features = engine.features(type, id);
        ObjectNode node = WoolguardJson.mapper().createObjectNode();
        node.put("entityType", type.name());
        if (!type.isPersonalData()) {
            node.put("id", id);
        }
        node.set("features", WoolguardJson.featuresNode(features));
        return Requests.json(HttpStatus.OK, WoolguardJson.bytes(node));
    }

    /** The label as stored: personal-data ids as their keyed hash, never echoed raw. */
    private Label storedForm(Label label) {
        if (!label.entityType().isPersonalData() || HASH.matcher(label.entityId()).matches()) {
            return label;
        }
        String hash = engine.hasher().hash(PersonalDataKind.of(label.entityType()), label.entityId());
        return new Label(label.entityType(), hash, label.label(), label.source(), label.note(), label.labelledAt());
    }
}
