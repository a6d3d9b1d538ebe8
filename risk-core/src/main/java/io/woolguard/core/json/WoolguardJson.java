package io.woolguard.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.woolguard.core.Account;
import io.woolguard.core.Coupon;
import io.woolguard.core.Decision;
import io.woolguard.core.Device;
import io.woolguard.core.EntityType;
import io.woolguard.core.EventType;
import io.woolguard.core.Explanation;
import io.woolguard.core.FeatureUpdate;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.InvalidEventException;
import io.woolguard.core.Label;
import io.woolguard.core.LabelValue;
import io.woolguard.core.ListEntry;
import io.woolguard.core.ListType;
import io.woolguard.core.Network;
import io.woolguard.core.Order;
import io.woolguard.core.Outcome;
import io.woolguard.core.PersonalData;
import io.woolguard.core.Platform;
import io.woolguard.core.Reason;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.RulesetInfo;
import io.woolguard.core.RulesetState;
import io.woolguard.core.ShadowDecision;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out for every contract value. Static, thread-safe.
 *
 * <p>Reading is strict about types and limits and lenient about unknown fields (ignored, so that
 * storefronts can send more than Woolguard reads). Every problem found is reported at once in an
 * {@link InvalidEventException} whose errors name the field ({@code coupon.faceValue}); malformed
 * JSON is reported on the field {@code body} with its line and column.
 */
public final class WoolguardJson {
    /** Deepest nesting accepted: the contract's shapes need 3 levels; anything deep is hostile. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Longest string accepted anywhere in a document. */
    public static final int MAX_STRING_LENGTH = 1_000_000;
    /** Most events in one {@link #readEvents} batch. */
    public static final int MAX_BATCH = 1_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .nodeFactory(NODES)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(64)
                .build());
    }

    private WoolguardJson() {
    }

    /** The configured mapper: exact decimals, limits on depth, string and number length. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses JSON text into a tree, or throws {@link InvalidEventException} on field {@code body}
     * naming what is wrong and where.
     */
    public static JsonNode parse(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidEventException("body", "is empty; expected a JSON object");
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new InvalidEventException("body", "is empty; expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidEventException("body", "is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException("body", "could not be read: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ events

    /** Reads one event (CONTRACT §1). */
    public static RiskEvent readEvent(byte[] json) {
        return readEvent(parse(json));
    }

    /** Reads one event from a tree. */
    public static RiskEvent readEvent(JsonNode node) {
        return readEvent(node, "");
    }

    /** Reads a batch: a JSON array of events or {@code {"events": [...]}}, at most {@link #MAX_BATCH}. */
    public static List<RiskEvent> readEvents(byte[] json) {
        JsonNode root = parse(json);
        JsonNode array = root.isObject() ? root.get("events") : root;
        if (array == null || !array.isArray()) {
            throw new InvalidEventException("events", "must be an array of events");
        }
        if (array.isEmpty()) {
            throw new InvalidEventException("events", "must have at least one event");
        }
        if (array.size() > MAX_BATCH) {
            throw new InvalidEventException("events", "must have at most " + MAX_BATCH + " events, got " + array.size());
        }
        List<RiskEvent> events = new ArrayList<>(array.size());
        List<io.woolguard.core.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            try {
                events.add(readEvent(array.get(i), "events[" + i + "]."));
            } catch (InvalidEventException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors);
        }
        return events;
    }

    private static RiskEvent readEvent(JsonNode node, String prefix) {
        if (node == null || !node.isObject()) {
            throw new InvalidEventException(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    "must be a JSON object");
        }
        FieldReader r = new FieldReader();
        String eventId = r.string(node, "eventId", prefix + "eventId");
        EventType type = r.enumValue(node, "type", prefix + "type", EventType.class);
        Instant occurredAt = r.instant(node, "occurredAt", prefix + "occurredAt");

        Account account = null;
        JsonNode accountNode = r.object(node, "account", prefix + "account");
        if (accountNode != null) {
            String id = r.string(accountNode, "id", prefix + "account.id");
            Instant createdAt = r.instant(accountNode, "createdAt", prefix + "account.createdAt");
            PersonalData phone = r.personalData(accountNode, "phone", prefix + "account.phone");
            PersonalData email = r.personalData(accountNode, "email", prefix + "account.email");
            account = prefixed(r, prefix, () -> new Account(id, createdAt, phone, email));
        }

        Device device = null;
        JsonNode deviceNode = r.object(node, "device", prefix + "device");
        if (deviceNode != null) {
            String id = r.string(deviceNode, "id", prefix + "device.id");
            Platform platform = r.enumValue(deviceNode, "platform", prefix + "device.platform", Platform.class);
            Boolean emulator = r.bool(deviceNode, "emulator", prefix + "device.emulator");
            Boolean rooted = r.bool(deviceNode, "rooted", prefix + "device.rooted");
            Boolean hooked = r.bool(deviceNode, "hooked", prefix + "device.hooked");
            String userAgent = r.string(deviceNode, "userAgent", prefix + "device.userAgent");
            String timezone = r.string(deviceNode, "timezone", prefix + "device.timezone");
            device = prefixed(r, prefix, () -> new Device(id, platform, emulator, rooted, hooked, userAgent, timezone));
        }

        Network network = null;
        JsonNode networkNode = r.object(node, "network", prefix + "network");
        if (networkNode != null) {
            String ip = r.string(networkNode, "ip", prefix + "network.ip");
            network = prefixed(r, prefix, () -> new Network(ip));
        }

        Coupon coupon = null;
        JsonNode couponNode = r.object(node, "coupon", prefix + "coupon");
        if (couponNode != null) {
            String campaignId = r.string(couponNode, "campaignId", prefix + "coupon.campaignId");
            String couponId = r.string(couponNode, "couponId", prefix + "coupon.couponId");
            BigDecimal faceValue = r.decimal(couponNode, "faceValue", prefix + "coupon.faceValue");
            String currency = r.string(couponNode, "currency", prefix + "coupon.currency");
            coupon = prefixed(r, prefix, () -> new Coupon(campaignId, couponId, faceValue, currency));
        }

        Order order = null;
        JsonNode orderNode = r.object(node, "order", prefix + "order");
        if (orderNode != null) {
            String orderId = r.string(orderNode, "orderId", prefix + "order.orderId");
            BigDecimal amount = r.decimal(orderNode, "amount", prefix + "order.amount");
            BigDecimal listPrice = r.decimal(orderNode, "listPrice", prefix + "order.listPrice");
            String currency = r.string(orderNode, "currency", prefix + "order.currency");
            Integer itemCount = r.integer(orderNode, "itemCount", prefix + "order.itemCount");
            List<String> couponIds = r.strings(orderNode, "couponIds", prefix + "order.couponIds", 32);
            PersonalData address = r.personalData(orderNode, "shippingAddress", prefix + "order.shippingAddress");
            PersonalData payment = r.personalData(orderNode, "paymentInstrument", prefix + "order.paymentInstrument");
            order = prefixed(r, prefix, () -> new Order(orderId, amount, listPrice, currency, itemCount, couponIds,
                    address, payment));
        }

        Map<String, Object> attributes = readAttributes(r, node, prefix);
        Account a = account;
        Device d = device;
        Network n = network;
        Coupon c = coupon;
        Order o = order;
        RiskEvent event = prefixed(r, prefix, () -> new RiskEvent(eventId, type, occurredAt, a, d, n, c, o, attributes));
        r.throwIfAny();
        return event;
    }

    private static Map<String, Object> readAttributes(FieldReader r, JsonNode node, String prefix) {
        JsonNode attributesNode = r.object(node, "attributes", prefix + "attributes");
        if (attributesNode == null) {
            return Map.of();
        }
        if (attributesNode.size() > RiskEvent.MAX_ATTRIBUTES) {
            r.fail(prefix + "attributes", "must have at most " + RiskEvent.MAX_ATTRIBUTES + " entries, got "
                    + attributesNode.size());
            return Map.of();
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = attributesNode.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                attributes.put(field.getKey(), value.textValue());
            } else if (value.isBoolean()) {
                attributes.put(field.getKey(), value.booleanValue());
            } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                attributes.put(field.getKey(), value.longValue());
            } else if (value.isNumber()) {
                attributes.put(field.getKey(), value.doubleValue());
            } else {
                r.fail(prefix + "attributes." + field.getKey(), "must be a string, number or boolean");
            }
        }
        return attributes;
    }

    /** Runs a constructor; its field errors get the batch prefix. */
    private static <T> T prefixed(FieldReader r, String prefix, java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidEventException e) {
            for (io.woolguard.core.FieldError error : e.errors()) {
                r.fail(prefix + error.field(), error.message());
            }
            return null;
        }
    }

    /** Writes an event; throws {@link IllegalStateException} if it still carries raw personal data. */
    public static byte[] writeEvent(RiskEvent event) {
        refuseRawPersonalData(event);
        return StreamedJson.event(MAPPER, event);
    }

    private static void refuseRawPersonalData(RiskEvent event) {
        if (event.hasRawPersonalData()) {
            throw new IllegalStateException("refusing to serialize event " + event.eventId()
                    + " with raw personal data: protect it with a PersonalDataHasher first");
        }
    }

    // ------------------------------------------------------------------ decisions

    /** Writes a decision in the CONTRACT §2 shape. */
    public static byte[] writeDecision(Decision decision) {
        return StreamedJson.decision(MAPPER, decision);
    }

    /** Reads a decision written by {@link #writeDecision}. */
    public static Decision readDecision(byte[] json) {
        return readDecision(parse(json));
    }

    private static Decision readDecision(JsonNode node) {
        JsonNode shadowNode = node.get("shadow");
        ShadowDecision shadow = FieldReader.absent(shadowNode) ? null : new ShadowDecision(
                Outcome.valueOf(shadowNode.get("outcome").textValue()), shadowNode.get("score").intValue(),
                readReasons(shadowNode.get("reasons")), text(shadowNode, "rulesetVersion"));
        return new Decision(text(node, "eventId"), Outcome.valueOf(text(node, "outcome")), node.get("score").intValue(),
                readReasons(node.get("reasons")), text(node, "rulesetVersion"), shadow,
                node.path("degraded").booleanValue(), text(node, "degradedReason"),
                Instant.parse(text(node, "decidedAt")));
    }

    /**
     * The HTTP form of an explained decision: the decision's fields plus {@code features} and
     * {@code rulesEvaluated} (CONTRACT §2, {@code ?explain=true}).
     */
    public static byte[] writeExplainedDecision(Explanation explanation) {
        return StreamedJson.explainedDecision(MAPPER, explanation);
    }

    /** Writes a stored decision: {@code decision}, {@code event}, {@code features}, {@code rulesEvaluated}. */
    public static byte[] writeExplanation(Explanation explanation) {
        refuseRawPersonalData(explanation.event());
        return StreamedJson.explanation(MAPPER, explanation);
    }

    /** Reads what {@link #writeExplanation} wrote. */
    public static Explanation readExplanation(byte[] json) {
        JsonNode node = parse(json);
        List<String> rules = new ArrayList<>();
        node.path("rulesEvaluated").forEach(rule -> rules.add(rule.textValue()));
        return new Explanation(readDecision(node.get("decision")), readEvent(node.get("event")),
                readFeatures(node.get("features")), rules);
    }

    private static List<Reason> readReasons(JsonNode array) {
        List<Reason> reasons = new ArrayList<>();
        if (array != null) {
            for (JsonNode r : array) {
                reasons.add(new Reason(text(r, "code"), text(r, "ruleId"), r.get("score").intValue(), text(r, "message")));
            }
        }
        return reasons;
    }

    /** Features as a JSON object of name → number, ordered by name. */
    public static ObjectNode featuresNode(FeatureVector features) {
        ObjectNode node = NODES.objectNode();
        features.sorted().forEach(node::put);
        return node;
    }

    private static FeatureVector readFeatures(JsonNode node) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (node != null) {
            node.fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().doubleValue()));
        }
        return new FeatureVector(values);
    }

    // ------------------------------------------------------------------ labels, lists, features, rulesets

    /**
     * Reads a {@code POST /v1/labels} body: {@code entityType}, {@code entityId}, {@code label},
     * optional {@code source} and {@code note}; stamped with the clock's time.
     */
    public static Label readLabelRequest(byte[] json, Clock clock) {
        JsonNode node = parse(json);
        if (!node.isObject()) {
            throw new InvalidEventException("body", "must be a JSON object");
        }
        FieldReader r = new FieldReader();
        EntityType entityType = r.enumValue(node, "entityType", "entityType", EntityType.class);
        String entityId = r.string(node, "entityId", "entityId");
        LabelValue label = r.enumValue(node, "label", "label", LabelValue.class);
        String source = r.string(node, "source", "source");
        String note = r.string(node, "note", "note");
        r.throwIfAny();
        Label result = r.construct(() -> new Label(entityType, entityId, label, source, note, clock.instant()));
        r.throwIfAny();
        return result;
    }

    /** Writes a label. */
    public static byte[] writeLabel(Label label) {
        ObjectNode node = NODES.objectNode();
        node.put("entityType", label.entityType().name());
        node.put("entityId", label.entityId());
        node.put("label", label.label().name());
        putIfPresent(node, "source", label.source());
        putIfPresent(node, "note", label.note());
        putInstant(node, "labelledAt", label.labelledAt());
        return bytes(node);
    }

    /** Reads what {@link #writeLabel} wrote. */
    public static Label readLabel(byte[] json) {
        JsonNode node = parse(json);
        return new Label(EntityType.valueOf(text(node, "entityType")), text(node, "entityId"),
                LabelValue.valueOf(text(node, "label")), text(node, "source"), text(node, "note"),
                Instant.parse(text(node, "labelledAt")));
    }

    /** Writes a list entry. */
    public static byte[] writeListEntry(ListEntry entry) {
        return bytes(listEntryNode(entry));
    }

    /** A list entry as a tree. */
    public static ObjectNode listEntryNode(ListEntry entry) {
        ObjectNode node = NODES.objectNode();
        node.put("list", entry.list().name());
        node.put("entityType", entry.entityType().name());
        node.put("value", entry.value());
        putIfPresent(node, "reason", entry.reason());
        putIfPresent(node, "addedBy", entry.addedBy());
        putInstant(node, "addedAt", entry.addedAt());
        putInstant(node, "expiresAt", entry.expiresAt());
        return node;
    }

    /** Reads what {@link #writeListEntry} wrote. */
    public static ListEntry readListEntry(byte[] json) {
        JsonNode node = parse(json);
        return new ListEntry(ListType.valueOf(text(node, "list")), EntityType.valueOf(text(node, "entityType")),
                text(node, "value"), text(node, "reason"), text(node, "addedBy"), instantOrNull(node, "addedAt"),
                instantOrNull(node, "expiresAt"));
    }

    /** Writes a feature update. */
    public static byte[] writeFeatureUpdate(FeatureUpdate update) {
        ObjectNode node = NODES.objectNode();
        node.put("entityType", update.entityType().name());
        node.put("entityId", update.entityId());
        ObjectNode values = node.putObject("values");
        update.values().forEach(values::put);
        node.put("eventTimeMillis", update.eventTimeMillis());
        return bytes(node);
    }

    /** Reads what {@link #writeFeatureUpdate} wrote. */
    public static FeatureUpdate readFeatureUpdate(byte[] json) {
        JsonNode node = parse(json);
        Map<String, Double> values = new LinkedHashMap<>();
        node.path("values").fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().doubleValue()));
        return new FeatureUpdate(EntityType.valueOf(text(node, "entityType")), text(node, "entityId"), values,
                node.path("eventTimeMillis").longValue());
    }

    /** Writes ruleset info. */
    public static byte[] writeRulesetInfo(RulesetInfo info) {
        return bytes(rulesetInfoNode(info));
    }

    /** Ruleset info as a tree. */
    public static ObjectNode rulesetInfoNode(RulesetInfo info) {
        ObjectNode node = NODES.objectNode();
        node.put("version", info.version());
        node.put("name", info.name());
        node.put("state", info.state().name());
        putInstant(node, "uploadedAt", info.uploadedAt());
        putIfPresent(node, "uploadedBy", info.uploadedBy());
        ArrayNode rules = node.putArray("ruleIds");
        info.ruleIds().forEach(rules::add);
        ArrayNode files = node.putArray("files");
        info.files().forEach(files::add);
        return node;
    }

    /** Reads what {@link #writeRulesetInfo} wrote. */
    public static RulesetInfo readRulesetInfo(byte[] json) {
        JsonNode node = parse(json);
        List<String> rules = new ArrayList<>();
        node.path("ruleIds").forEach(r -> rules.add(r.textValue()));
        List<String> files = new ArrayList<>();
        node.path("files").forEach(f -> files.add(f.textValue()));
        return new RulesetInfo(text(node, "version"), text(node, "name"), RulesetState.valueOf(text(node, "state")),
                instantOrNull(node, "uploadedAt"), text(node, "uploadedBy"), rules, files);
    }

    // ------------------------------------------------------------------ helpers

    /** Serializes a tree to UTF-8 bytes. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialize JSON", e);
        }
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void putInstant(ObjectNode node, String name, Instant value) {
        if (value != null) {
            node.put(name, DateTimeFormatter.ISO_INSTANT.format(value));
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return FieldReader.absent(value) ? null : value.asText();
    }

    private static Instant instantOrNull(JsonNode node, String name) {
        String value = text(node, name);
        return value == null ? null : Instant.parse(value);
    }
}
