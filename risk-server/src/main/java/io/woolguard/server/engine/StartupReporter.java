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
 * Says in words what started: mode, data directory, active ruleset, stream, URL, and — loudly —
 * the development tokens when no tokens were configured.
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

    /** Logs the startup summary once the HTTP server listens. */
    @EventListener
    public void onStartup(ServerStartupEvent event) {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        String ruleset = runtime.activeRuleset().map(r -> r.version() + " (" + r.name() + ", "
                + r.ruleIds().size() + " rules)").orElse("NONE - upload and activate a rule pack");
        LOG.info("Woolguard started in {} mode: data dir {}, ruleset {} active, {} {}; HTTP on {}; ready={} after {} ms",
                runtime.mode(), runtime.dataDirectory(), ruleset, runtime.stream().description(),
                runtime.streamRunning() ? "running" : "NOT running", event.getSource().getURL(), runtime.ready(), uptime);
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
    }

    private static String names(Set<Role> roles) {
        return roles.stream().sorted().map(Role::configName).collect(Collectors.joining(","));
    }
}
