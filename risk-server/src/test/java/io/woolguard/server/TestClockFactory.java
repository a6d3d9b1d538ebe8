package io.woolguard.server;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.woolguard.server.engine.ServiceFactory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/** Replaces the wall clock with a {@link MutableClock} when {@code woolguard.test.mutable-clock=true}. */
@Factory
@Requires(property = "woolguard.test.mutable-clock", value = "true")
public class TestClockFactory {
    @Singleton
    @Replaces(value = Clock.class, factory = ServiceFactory.class)
    public MutableClock clock() {
        return new MutableClock(Instant.now());
    }
}
