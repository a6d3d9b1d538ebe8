package io.woolguard.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Benchmark support ({@code woolguard.bench.*}).
 *
 * @param echoEnabled when true, {@code POST /bench/echo} returns its JSON body, so a load generator can
 *                    compare the decision endpoint with plain Micronaut JSON on the same stack
 */
@ConfigurationProperties("woolguard.bench")
public record BenchConfiguration(@Bindable(defaultValue = "false") boolean echoEnabled) {
}
