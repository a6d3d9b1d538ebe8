package io.woolguard.server.engine;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.woolguard.server.auth.Role;
import io.woolguard.server.auth.TokenRegistry;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in words what started: the URL and — loudly — the development tokens when no tokens were
 * configured as soon as the server listens; mode, data directory, active ruleset and stream once
 * the engine has started.
 */
@Singleton
public final class StartupReporter {
    private static final Logger LOG = LoggerFactory.getLogger(StartupReporter.class);

    private final EngineRuntime runtime;
    private final TokenRegistry tokens;

    public StartupReporter(EngineRuntime runtime, TokenRegistry tokens) {
        this.runtime = runtime;
        this.tokens = tokens;
    }

    /**
     * Once the HTTP server listens: where, and the tokens; then, when the engine and the stream have
     * started (possibly already), the startup summary.
     */
    @EventListener
    public void onStartup(ServerStartupEvent event) {
        Object url = event.getSource().getURL();
        LOG.info("HTTP on {} after {} ms; {}", url, ManagementFactory.getRuntimeMXBean().getUptime(),
                runtime.started() ? "engine started" : "the engine is starting (GET /health answers 503 until ready)");
        if (tokens.isDevelopment()) {
            StringBuilder text = new StringBuilder();
            text.append("\n!!! WOOLGUARD IS RUNNING WITH DEVELOPMENT TOKENS (WOOLGUARD_AUTH_TOKENS is not set).\n")
                    .append("!!! They change on every start. Set WOOLGUARD_AUTH_TOKENS=token:role[,role];... in production.\n");
            tokens.developmentTokens().forEach((token, roles) ->
                    text.append("!!!   Authorization: Bearer ").append(token).append("   roles: ")
                            .append(names(roles)).append('\n'));
            LOG.warn("{}", text);
        } else {
            LOG.info("Accepting {} configured bearer token(s)", tokens.size());
        }
        runtime.startup().thenRun(() -> summary(url));
    }

    private void summary(Object url) {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        String ruleset = runtime.activeRuleset().map(r -> r.version() + " (" + r.name() + ", "
                + r.ruleIds().size() + " rules)").orElse("NONE - upload and activate a rule pack");
        LOG.info("Woolguard started in {} mode: data dir {}, ruleset {} active, {} {}; HTTP on {}; ready={} after {} ms",
                runtime.mode(), runtime.dataDirectory(), ruleset, runtime.streamDescription(),
                runtime.streamRunning() ? "running" : "starting", url, runtime.ready(), uptime);
    }

    private static String names(Set<Role> roles) {
        return roles.stream().sorted().map(Role::configName).collect(Collectors.joining(","));
    }
}
