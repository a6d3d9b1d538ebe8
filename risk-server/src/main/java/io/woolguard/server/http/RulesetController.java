package io.woolguard.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.woolguard.core.RulePack;
import io.woolguard.core.RulesetAuditEntry;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.RulesetInfo;
import io.woolguard.core.Rulesets;
import io.woolguard.core.json.WoolguardJson;
import io.woolguard.server.config.LimitsConfiguration;
import io.woolguard.server.engine.EngineRuntime;
import io.woolguard.server.problem.ConflictException;
import io.woolguard.server.problem.ResourceNotFoundException;
import java.net.URI;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule lifecycle: upload a pack (compiled and checked before anything is stored), list
 * versions, activate, shadow, stop shadowing, roll back, read the audit. Every change takes effect
 * without a restart and is audited with the caller's actor name.
 */
@Controller("/v1/rulesets")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class RulesetController {
    private static final Logger LOG = LoggerFactory.getLogger(RulesetController.class);

    private final RiskEngine engine;
    private final LimitsConfiguration limits;

    public RulesetController(EngineRuntime runtime, LimitsConfiguration limits) {
        this.engine = runtime.engine();
        this.limits = limits;
    }

    /** The engine's rulesets, looked up per request (503 while the engine starts). */
    private Rulesets rulesets() {
        return engine.rulesets();
    }

    /** Every version, newest first, and which is active and which is shadow. */
    @Get
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> list() {
        ObjectNode node = WoolguardJson.mapper().createObjectNode();
        rulesets().active().ifPresentOrElse(a -> node.put("active", a.version()), () -> node.putNull("active"));
        rulesets().shadowVersion().ifPresentOrElse(s -> node.put("shadow", s.version()), () -> node.putNull("shadow"));
        ArrayNode versions = node.putArray("versions");
        rulesets().list().forEach(info -> versions.add(WoolguardJson.rulesetInfoNode(info)));
        return Requests.json(HttpStatus.OK, WoolguardJson.bytes(node));
    }

    /** One version. */
    @Get("/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> find(@PathVariable String version) {
        RulesetInfo info = rulesets().find(version).orElseThrow(() -> unknown(version));
        return Requests.json(HttpStatus.OK, WoolguardJson.writeRulesetInfo(info));
    }

    /** Uploads a pack as JSON {@code {"name", "files": {path: text-or-base64}}}: 201 with the new (inactive) version. */
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> uploadJson(@Body byte[] body, HttpRequest<?> request) {
        RulePack pack = RulePackUploads.fromJson(Requests.limited(body, limits.rulesetBodyBytes(), "a rule pack upload"));
        return uploaded(pack, request);
    }

    /** Uploads a pack as a multipart form ({@code curl -F files=@device.drl -F name=my-pack}). */
    @Post
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> uploadMultipart(@Body MultipartBody body, HttpRequest<?> request) {
        return uploaded(RulePackUploads.fromMultipart(body), request);
    }

    private HttpResponse<byte[]> uploaded(RulePack pack, HttpRequest<?> request) {
        String actor = Requests.actor(request);
        RulesetInfo info = rulesets().upload(pack, actor);
        LOG.info("Ruleset {} uploaded by {} ({} files, {} rules)", info.version(), actor, info.files().size(),
                info.ruleIds().size());
        return Requests.json(HttpStatus.CREATED, WoolguardJson.writeRulesetInfo(info))
                .header("Location", URI.create("/v1/rulesets/" + info.version()).toString());
    }

    /** Makes a version live at once; the previous active version stays for rollback. */
    @Post("/{version}/activate")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> activate(@PathVariable String version, HttpRequest<?> request) {
        String actor = Requests.actor(request);
        RulesetInfo info = change(version, () -> rulesets().activate(version, actor));
        LOG.info("Ruleset {} activated by {}", info.version(), actor);
        return Requests.json(HttpStatus.OK, WoolguardJson.writeRulesetInfo(info));
    }

    /** Makes a version the shadow: evaluated beside the active one and reported, never enforced. */
    @Post("/{version}/shadow")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> shadow(@PathVariable String version, HttpRequest<?> request) {
        String actor = Requests.actor(request);
        RulesetInfo info = change(version, () -> rulesets().shadow(version, actor));
        LOG.info("Ruleset {} set as shadow by {}", info.version(), actor);
        return Requests.json(HttpStatus.OK, WoolguardJson.writeRulesetInfo(info));
    }

    /** Stops shadowing: 204. */
    @Delete("/shadow")
    public HttpResponse<?> clearShadow(HttpRequest<?> request) {
        String actor = Requests.actor(request);
        rulesets().clearShadow(actor);
        LOG.info("Shadow ruleset cleared by {}", actor);
        return HttpResponse.noContent();
    }

    /** Re-activates the version active before the current one; 409 when there is none. */
    @Post("/rollback")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> rollback(HttpRequest<?> request) {
        String actor = Requests.actor(request);
        RulesetInfo info;
        try {
            info = rulesets().rollback(actor);
        } catch (IllegalStateException | NoSuchElementException e) {
            throw new ConflictException("nothing to roll back to: " + e.getMessage(), e);
        }
        LOG.info("Rolled back to ruleset {} by {}", info.version(), actor);
        return Requests.json(HttpStatus.OK, WoolguardJson.writeRulesetInfo(info));
    }

    /** Every change, oldest first: when, who, what, which version. */
    @Get("/audit")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> audit() {
        ObjectNode node = WoolguardJson.mapper().createObjectNode();
        ArrayNode entries = node.putArray("entries");
        for (RulesetAuditEntry entry : rulesets().audit()) {
            ObjectNode e = entries.addObject();
            e.put("at", entry.at().toString());
            e.put("actor", entry.actor());
            e.put("action", entry.action());
            e.put("version", entry.version()); // null when the action named no version
        }
        return Requests.json(HttpStatus.OK, WoolguardJson.bytes(node));
    }

    private RulesetInfo change(String version, Supplier<RulesetInfo> action) {
        if (rulesets().find(version).isEmpty()) {
            throw unknown(version);
        }
        try {
            return action.get();
        } catch (NoSuchElementException e) {
            throw unknown(version);
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage(), e);
        }
    }

    /** The 404 for a version that is not stored. */
    static ResourceNotFoundException unknown(String version) {
        return new ResourceNotFoundException("no ruleset version '" + Requests.abbreviate(version)
                + "'; GET /v1/rulesets lists them");
    }
}
