package io.woolguard.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.RiskEngine;
import io.woolguard.server.problem.UnavailableException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EngineRuntimeTest {
    /** An engine that answers isReady() = true and counts applyFeatureUpdates calls. */
    private static RiskEngine fakeEngine(AtomicInteger updates) {
        return (RiskEngine) Proxy.newProxyInstance(RiskEngine.class.getClassLoader(), new Class<?>[] {RiskEngine.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isReady" -> true;
                    case "applyFeatureUpdates" -> {
                        updates.incrementAndGet();
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    private static FeatureStream runningStream() {
        return new FeatureStream() {
            @Override
            public boolean isRunning() {
                return true;
            }

            @Override
            public long lag() {
                return 7;
            }

            @Override
            public String description() {
                return "test stream";
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void starting_isNotReady_andTheEngineAnswersUnavailableAtOnce() {
        EngineRuntime runtime = new EngineRuntime(Path.of("/tmp/x"), "embedded");

        assertFalse(runtime.ready());
        assertFalse(runtime.started());
        assertFalse(runtime.storesOpen());
        assertFalse(runtime.streamRunning());
        assertEquals("starting", runtime.streamDescription());
        assertEquals(0, runtime.streamLag());
        assertFalse(runtime.engine().isReady());
        UnavailableException e = assertThrows(UnavailableException.class, () -> runtime.engine().lists());
        assertTrue(e.getMessage().contains("starting"), e.getMessage());
    }

    @Test
    void opened_engineViewGoesToTheEngine_andStartupCompletes() {
        EngineRuntime runtime = new EngineRuntime(Path.of("/tmp/x"), "embedded");
        AtomicInteger updates = new AtomicInteger();

        runtime.opened(fakeEngine(updates), runningStream());

        assertTrue(runtime.started());
        assertTrue(runtime.storesOpen());
        assertTrue(runtime.streamRunning());
        assertEquals(7, runtime.streamLag());
        assertTrue(runtime.startup().toCompletableFuture().isDone());
        runtime.engine().applyFeatureUpdates(List.of());
        assertEquals(1, updates.get());
        assertFalse(runtime.rulesLoaded(), "the fake has no rulesets, so rules are not loaded and it is not ready");
        assertFalse(runtime.ready());
    }

    @Test
    void failed_startupCompletesExceptionally_andTheEngineStaysUnavailable() {
        EngineRuntime runtime = new EngineRuntime(Path.of("/tmp/x"), "embedded");

        runtime.failed(new IllegalStateException("directory in use"));

        assertTrue(runtime.startFailed());
        assertTrue(runtime.startup().toCompletableFuture().isCompletedExceptionally());
        assertEquals("failed to start", runtime.streamDescription());
        UnavailableException e = assertThrows(UnavailableException.class, () -> runtime.engine().lists());
        assertTrue(e.getMessage().contains("failed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> runtime.awaitReady(java.time.Duration.ofSeconds(1)));
    }

    @Test
    void waitingEngine_holdsCallsUntilTheEngineOpens() throws Exception {
        CompletableFuture<RiskEngine> opened = new CompletableFuture<>();
        DeferredEngine waiting = DeferredEngine.waiting(opened);
        AtomicInteger updates = new AtomicInteger();
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> waiting.applyFeatureUpdates(List.of()));

        assertFalse(waiting.isReady());
        assertThrows(java.util.concurrent.TimeoutException.class, () -> call.get(100, TimeUnit.MILLISECONDS));
        RiskEngine engine = fakeEngine(updates);
        opened.complete(engine);
        call.get(10, TimeUnit.SECONDS);

        assertEquals(1, updates.get());
        assertTrue(waiting.isReady());
    }

    @Test
    void waitingEngine_failsCallsWhenTheEngineCannotOpen() {
        CompletableFuture<RiskEngine> opened = new CompletableFuture<>();
        DeferredEngine waiting = DeferredEngine.waiting(opened);
        IllegalStateException cause = new IllegalStateException("directory in use");

        opened.completeExceptionally(cause);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> waiting.applyFeatureUpdates(List.of()));
        assertSame(cause, e.getCause());
        assertTrue(e.getMessage().contains("directory in use"), e.getMessage());
    }
}
