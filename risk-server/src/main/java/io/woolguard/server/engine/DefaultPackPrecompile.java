package io.woolguard.server.engine;

import io.woolguard.core.RulePack;
import io.woolguard.core.spi.CompiledRules;
import io.woolguard.core.spi.RulePackCompiler;
import io.woolguard.rules.RulePacks;
import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the default rule pack in the background from the first moment of the process
 * ({@link #start()}, called by {@code Application.main}), while the JVM and Micronaut are still
 * starting; the engine then gets it from {@link #compiler()} instead of compiling it again. The
 * pack is needed on every start that activates the default pack (a fresh data directory) or
 * reloads it (the stored active version has the same content), and it needs no configuration.
 *
 * <p>{@link #compiler()} hands the precompiled result out once, for a pack with the same content
 * hash, and compiles everything else (and everything after) with the rule compiler
 * {@link ServiceLoader} finds, the one the engine builder would use. If the background compile
 * failed, the pack is compiled again in the foreground, so its errors surface as they would.
 * Thread-safe.
 */
public final class DefaultPackPrecompile {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultPackPrecompile.class);
    private static final AtomicReference<Precompiled> PENDING = new AtomicReference<>();

    private record Precompiled(String contentHash, CompletableFuture<CompiledRules> rules) {
    }

    private DefaultPackPrecompile() {
    }

    /** Starts compiling the default pack on a daemon thread; a second call does nothing. */
    public static void start() {
        CompletableFuture<CompiledRules> rules = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                RulePack pack = RulePacks.defaultPack();
                if (!PENDING.compareAndSet(null, new Precompiled(pack.contentHash(), rules))) {
                    return;
                }
                long begin = System.nanoTime();
                rules.complete(loadCompiler().compile(pack));
                LOG.info("Default rule pack compiled in the background in {} ms", (System.nanoTime() - begin) / 1_000_000);
            } catch (Throwable t) {
                rules.completeExceptionally(t);
            }
        }, "woolguard-precompile");
        thread.setDaemon(true);
        thread.start();
    }

    /** The compiler for the engine builder: the precompiled default pack once, everything else compiled. */
    static RulePackCompiler compiler() {
        RulePackCompiler delegate = loadCompiler();
        return pack -> {
            Precompiled pending = PENDING.get();
            if (pending != null && pending.contentHash().equals(pack.contentHash())
                    && PENDING.compareAndSet(pending, null)) {
                try {
                    return pending.rules().join();
                } catch (RuntimeException e) {
                    LOG.debug("The background compile of the default pack failed ({}); compiling it again", e.toString());
                }
            }
            return delegate.compile(pack);
        };
    }

    private static RulePackCompiler loadCompiler() {
        Iterator<RulePackCompiler> found = ServiceLoader.load(RulePackCompiler.class).iterator();
        if (!found.hasNext()) {
            throw new IllegalStateException("no RulePackCompiler found: risk-rules must be on the classpath");
        }
        return found.next();
    }
}
