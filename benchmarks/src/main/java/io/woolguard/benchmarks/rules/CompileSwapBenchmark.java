package io.woolguard.benchmarks.rules;

import io.woolguard.benchmarks.support.Directories;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.RulePack;
import io.woolguard.core.RulesetInfo;
import io.woolguard.core.spi.CompiledRules;
import io.woolguard.rules.DroolsRulePackCompiler;
import io.woolguard.rules.RulePacks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to put a new 1,000-rule pack live, single shot: {@code uploadAndActivate} is what an analyst's
 * upload costs end to end in the engine (sandbox check, Drools compile, storing the version, the
 * atomic swap); {@code compileOnly} is the Drools compile alone. Each invocation gets a pack with
 * new content (a salted comment), so nothing is served from a previous upload. Target (issue #2):
 * compile and swap ≤ 5 s.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar CompileSwapBenchmark -wi 2 -i 5 -f 1
 * </pre>
 *
 * <p>Last measured 2026-12-01 08:44 UTC, 2 shared cores (load ~3), JDK 17, {@code -wi 1 -i 5}: upload +
 * activate 1.98 s (target met), compile alone 3.89 s while the JVM was still warming (run first). Shots
 * in a cold JVM on a busier machine (load ~6) took up to 7 s: these single shots measure JIT warm-up
 * as much as the compiler. See docs/PERFORMANCE.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CompileSwapBenchmark {
    /** Rules in the pack. */
    @Param({"1000"})
    public int rules;

    private Path directory;
    private RiskEngine engine;
    private DroolsRulePackCompiler compiler;
    private RulePack pack;
    private long salt;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("woolguard-jmh-swap");
        engine = RiskEngine.builder().dataDirectory(directory).rules(RulePacks.defaultPack()).build();
        compiler = new DroolsRulePackCompiler();
    }

    @Setup(Level.Invocation)
    public void newPack() {
        pack = GeneratedRules.pack(rules, ++salt);
    }

    @Benchmark
    public RulesetInfo uploadAndActivate() {
        RulesetInfo uploaded = engine.rulesets().upload(pack, "benchmark");
        return engine.rulesets().activate(uploaded.version(), "benchmark");
    }

    @Benchmark
    public CompiledRules compileOnly() {
        return compiler.compile(pack);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        engine.close();
        Directories.deleteRecursively(directory);
    }
}
