package io.woolguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.Device;
import io.woolguard.core.EventType;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.Platform;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.RuleError;
import io.woolguard.core.RulePack;
import io.woolguard.core.RulePackRejectedException;
import io.woolguard.core.spi.CompiledRules;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.core.spi.RuleDescriptor;
import io.woolguard.core.spi.RuleEvaluation;
import io.woolguard.core.spi.RuleHit;
import io.woolguard.core.spi.RuleInput;
import io.woolguard.core.spi.RulePackCompiler;
import io.woolguard.rules.internal.DroolsCompiledRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class DroolsRulePackCompilerTest {
    private static final DroolsRulePackCompiler COMPILER = new DroolsRulePackCompiler(4);
    private static final String HEADER = SandboxTest.HEADER;
    /** Functional tests must not depend on how loaded the machine is; the budget has its own tests. */
    static final EvaluationLimits RELAXED = new EvaluationLimits(1_000, Duration.ofSeconds(10));

    private static RiskEvent claim(String accountId, String deviceId) {
        return RiskEvent.builder("e-" + accountId, EventType.COUPON_CLAIM, accountId)
                .occurredAt(Instant.parse("2026-11-22T03:00:00Z"))
                .accountCreatedAt(Instant.parse("2026-11-22T01:00:00Z"))
                .device(new Device(deviceId, Platform.ANDROID, false, false, false, "okhttp/4.12", "Asia/Shanghai"))
                .coupon(new io.woolguard.core.Coupon("double11", null, java.math.BigDecimal.TEN, "CNY"))
                .build();
    }

    private static String simpleRule(String id, String condition, int score, String code) {
        return "rule \"" + id + " rule\" @id(\"" + id + "\")\nwhen\n  e : Event(" + condition + ")\n  f : Features()\nthen\n  hits.add("
                + score + ", \"" + code + "\", \"device \" + e.getDeviceId() + \" seen with \" + f.count(\"device.accounts_24h\"));\nend\n";
    }

    @Test
    void compile_isRegisteredForServiceLoader() {
        List<RulePackCompiler> compilers = ServiceLoader.load(RulePackCompiler.class).stream().map(ServiceLoader.Provider::get).toList();
        assertEquals(1, compilers.size());
        assertInstanceOf(DroolsRulePackCompiler.class, compilers.get(0));
    }

    @Test
    void evaluate_hitsCarryTheRuleIdFromMetadata() {
        CompiledRules rules = COMPILER.compile(RulePacks.of("p", Map.of("a.drl",
                HEADER + simpleRule("fresh-claim", "claim, accountAgeHours < 24", 20, "NEW_ACCOUNT_CLAIM"))));
        RuleEvaluation evaluation = rules.evaluate(new RuleInput(claim("u1", "d-77"),
                new FeatureVector(Map.of("device.accounts_24h", 23.0))), RELAXED);
        assertNull(evaluation.failure());
        assertEquals(List.of(new RuleHit("fresh-claim", "NEW_ACCOUNT_CLAIM", 20, "device d-77 seen with 23")), evaluation.hits());
        assertEquals(1, evaluation.firings());
        assertEquals(List.of(new RuleDescriptor("fresh-claim", "fresh-claim rule", "a.drl")), rules.rules());
    }

    @Test
    void compile_reportsDrlErrorWithFileLineAndColumn() {
        String drl = HEADER + "rule \"broken\" @id(\"broken\")\nwhen\n  e : Event(\nthen\nend\n";
        RulePackRejectedException e = assertThrows(RulePackRejectedException.class,
                () -> COMPILER.compile(RulePacks.of("p", Map.of("rules/device/broken.drl", drl))));
        RuleError error = e.errors().get(0);
        assertEquals("rules/device/broken.drl", error.file());
        assertTrue(error.line() >= 8 && error.line() <= 10, error.toString());
        assertTrue(error.column() >= 1, error.toString());
    }

    @Test
    void compile_reportsTypeErrorInConsequenceWithItsLine() {
        String drl = HEADER + "rule \"typed\" @id(\"typed\")\nwhen\n  e : Event()\nthen\n  hits.add(\"not a number\", 1, \"x\");\nend\n";
        RulePackRejectedException e = assertThrows(RulePackRejectedException.class,
                () -> COMPILER.compile(RulePacks.of("p", Map.of("typed.drl", drl))));
        RuleError error = e.errors().get(0);
        assertEquals("typed.drl", error.file());
        assertTrue(error.line() >= 6 && error.line() <= 10, error.toString());
        assertTrue(error.message().contains("add"), error.toString());
    }

    @Test
    void compile_rejectsUnknownPropertyWithItsLine() {
        String drl = HEADER + "rule \"prop\" @id(\"prop\")\nwhen\n  e : Event(nosuchThing == 1)\nthen\nend\n";
        RulePackRejectedException e = assertThrows(RulePackRejectedException.class,
                () -> COMPILER.compile(RulePacks.of("p", Map.of("prop.drl", drl))));
        assertEquals(new RuleError("prop.drl", 8, 13, e.errors().get(0).message()), e.errors().get(0));
        assertTrue(e.errors().get(0).message().contains("'nosuchThing'"), e.errors().toString());
    }

    @Test
    void compile_rejectsUnsupportedFilesAndPacksWithoutRules() {
        RulePackRejectedException e = assertThrows(RulePackRejectedException.class,
                () -> COMPILER.compile(RulePacks.of("p", Map.of("notes.txt", "hello"))));
        assertEquals("notes.txt", e.errors().get(0).file());
        assertTrue(e.errors().get(0).message().contains("unsupported file type"));
        RulePackRejectedException empty = assertThrows(RulePackRejectedException.class,
                () -> COMPILER.compile(RulePacks.of("p", Map.of("empty.drl", HEADER))));
        assertTrue(empty.errors().get(0).message().contains("the pack has no rules"), empty.errors().toString());
    }

    // ------------------------------------------------------------ decision tables

    static final String CSV_TABLE = String.join("\n",
            "RuleSet,rules.thresholds",
            "Import,\"io.woolguard.rules.Event, io.woolguard.rules.Features\"",
            "Variables,io.woolguard.rules.Hits hits",
            "",
            "RuleTable Velocity",
            "NAME,METADATA,CONDITION,CONDITION,ACTION",
            ",,e : Event,f : Features,",
            ",\"id(\"\"$param\"\")\",\"type == \"\"$param\"\"\",\"$n : num(\"\"$1\"\"), num(\"\"$1\"\") >= $2\",\"hits.add($1, \"\"$2\"\", \"\"count \"\" + (long) $n);\"",
            "Rule,Id,Type,Feature,Hit",
            "Account burst,account-burst,COUPON_CLAIM,\"account.live_claims_1m, 3\",\"35, ACCOUNT_CLAIM_BURST\"",
            "Device burst,device-burst,COUPON_CLAIM,\"device.live_claims_1m, 5\",\"45, DEVICE_CLAIM_BURST\"",
            "");

    @Test
    void compile_csvDecisionTableEvaluates() {
        CompiledRules rules = COMPILER.compile(RulePacks.of("t", Map.of("velocity.csv", CSV_TABLE)));
        assertEquals(List.of("account-burst", "device-burst"), rules.rules().stream().map(RuleDescriptor::id).toList());
        RuleEvaluation evaluation = rules.evaluate(new RuleInput(claim("u1", "d1"),
                new FeatureVector(Map.of("account.live_claims_1m", 4.0, "device.live_claims_1m", 2.0))), RELAXED);
        assertNull(evaluation.failure());
        assertEquals(List.of(new RuleHit("account-burst", "ACCOUNT_CLAIM_BURST", 35, "count 4")), evaluation.hits());
    }

    @Test
    void compile_csvDecisionTableErrorNamesTheRow() {
        String broken = CSV_TABLE.replace("device.live_claims_1m, 5", "device.live_claims_1m, 5 + System.exit(1)");
        RulePackRejectedException e = assertThrows(RulePackRejectedException.class,
                () -> COMPILER.compile(RulePacks.of("t", Map.of("tables/velocity.csv", broken))));
        RuleError error = e.errors().get(0);
        assertEquals("tables/velocity.csv", error.file());
        assertEquals(11, error.line(), "the row of the offending rule: " + e.errors());
        assertTrue(error.message().contains("'System' is not allowed"), error.toString());
    }

    @Test
    void compile_csvDecisionTableCompileErrorNamesTheRow() {
        String broken = CSV_TABLE.replace("\"35, ACCOUNT_CLAIM_BURST\"", "\"x35, ACCOUNT_CLAIM_BURST\"");
        RulePackRejectedException e = assertThrows(RulePackRejectedException.class,
                () -> COMPILER.compile(RulePacks.of("t", Map.of("velocity.csv", broken))));
        assertEquals("velocity.csv", e.errors().get(0).file());
        assertEquals(10, e.errors().get(0).line(), e.errors().toString());
    }

    @Test
    void compile_xlsxDecisionTableEvaluatesAndLocatesErrors() throws IOException {
        byte[] xlsx = xlsx(CSV_TABLE);
        CompiledRules rules = COMPILER.compile(new RulePack("x", Map.of("velocity.xlsx", xlsx)));
        RuleEvaluation evaluation = rules.evaluate(new RuleInput(claim("u1", "d1"),
                new FeatureVector(Map.of("device.live_claims_1m", 9.0))), RELAXED);
        assertEquals(List.of(new RuleHit("device-burst", "DEVICE_CLAIM_BURST", 45, "count 9")), evaluation.hits());

        byte[] hostile = xlsx(CSV_TABLE.replace("account.live_claims_1m, 3", "account.live_claims_1m, 3 + Runtime.getRuntime().availableProcessors()"));
        RulePackRejectedException e = assertThrows(RulePackRejectedException.class,
                () -> COMPILER.compile(new RulePack("x", Map.of("velocity.xlsx", hostile))));
        assertEquals("velocity.xlsx", e.errors().get(0).file());
        assertEquals(10, e.errors().get(0).line(), e.errors().toString());
        assertTrue(e.errors().get(0).message().contains("'Runtime' is not allowed"), e.errors().toString());
    }

    @Test
    void compile_rejectsATableThatIsNotATable() {
        RulePackRejectedException e = assertThrows(RulePackRejectedException.class,
                () -> COMPILER.compile(new RulePack("x", Map.of("junk.xlsx", "not a spreadsheet".getBytes(StandardCharsets.UTF_8)))));
        assertEquals("junk.xlsx", e.errors().get(0).file());
        assertTrue(e.errors().get(0).message().startsWith("decision table does not compile"), e.errors().toString());
    }

    /** The CSV table as an XLSX sheet, cell for cell (CSV quoting undone). */
    private static byte[] xlsx(String csv) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Tables");
            String[] lines = csv.split("\n", -1);
            for (int r = 0; r < lines.length; r++) {
                Row row = sheet.createRow(r);
                List<String> cells = parseCsvLine(lines[r]);
                for (int c = 0; c < cells.size(); c++) {
                    if (!cells.get(c).isEmpty()) {
                        row.createCell(c).setCellValue(cells.get(c));
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static List<String> parseCsvLine(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    // ------------------------------------------------------------ bounded evaluation

    private static CompiledRules fiveFiringRules() {
        StringBuilder drl = new StringBuilder(HEADER);
        for (int i = 1; i <= 5; i++) {
            drl.append(simpleRule("r" + i, "claim", 1, "FIRED_" + i));
        }
        return COMPILER.compile(RulePacks.of("five", Map.of("five.drl", drl.toString())));
    }

    @Test
    void evaluate_stopsAtMaxFiringsAndReportsIt() {
        CompiledRules rules = fiveFiringRules();
        RuleEvaluation bounded = rules.evaluate(new RuleInput(claim("u1", "d1"), FeatureVector.empty()),
                new EvaluationLimits(2, Duration.ofSeconds(5)));
        assertEquals("exceeded 2 firings", bounded.failure());
        assertEquals(2, bounded.firings());
        assertEquals(2, bounded.hits().size());

        RuleEvaluation exact = rules.evaluate(new RuleInput(claim("u1", "d1"), FeatureVector.empty()),
                new EvaluationLimits(5, Duration.ofSeconds(5)));
        assertNull(exact.failure());
        assertEquals(5, exact.hits().size());
    }

    @Test
    void evaluate_aPooledSessionStartsEachEvaluationAfresh() {
        StringBuilder drl = new StringBuilder(HEADER);
        for (int i = 1; i <= 5; i++) {
            drl.append(simpleRule("r" + i, "claim", 1, "FIRED_" + i));
        }
        CompiledRules rules = new DroolsRulePackCompiler(1).compile(RulePacks.of("five", Map.of("five.drl", drl.toString())));
        EvaluationLimits five = new EvaluationLimits(5, Duration.ofSeconds(10));
        RiskEvent login = RiskEvent.builder("e-login", EventType.LOGIN, "u1").occurredAt(Instant.parse("2026-11-22T03:00:00Z")).build();
        for (int round = 0; round < 3; round++) {
            // one session serves them all: neither the hits, nor the firing count, nor a stop carries over
            RuleEvaluation claimed = rules.evaluate(new RuleInput(claim("u1", "d1"), FeatureVector.empty()), five);
            assertNull(claimed.failure(), "round " + round);
            assertEquals(List.of("r1", "r2", "r3", "r4", "r5"), claimed.hits().stream().map(RuleHit::ruleId).sorted().toList());
            assertEquals(5, claimed.firings());
            RuleEvaluation quiet = rules.evaluate(new RuleInput(login, FeatureVector.empty()), five);
            assertNull(quiet.failure());
            assertEquals(List.of(), quiet.hits());
            assertEquals(0, quiet.firings());
            RuleEvaluation bounded = rules.evaluate(new RuleInput(claim("u2", "d2"), FeatureVector.empty()),
                    new EvaluationLimits(2, Duration.ofSeconds(10)));
            assertEquals("exceeded 2 firings", bounded.failure());
            assertEquals(2, bounded.hits().size());
        }
    }

    /**
     * A pooled session is reused after each evaluation with its facts deleted; nothing of an evaluation
     * may stay reachable after it returns. Drools' direct-firing sessions (used here until this test
     * was written) kept the matches of evaluations, with their event and features, without bound:
     * here all 2,000 events stayed reachable (36,156 of 200,000 with the rule-scaling benchmark's inputs).
     */
    @Test
    void evaluate_keepsNothingOfAnEvaluationOnceItReturns() throws InterruptedException {
        CompiledRules rules = COMPILER.compile(RulePacks.defaultPack());
        List<WeakReference<RiskEvent>> evaluated = new ArrayList<>();
        int withHits = evaluateVariedClaims(rules, 2_000, evaluated);
        assertTrue(withHits >= 1_000, "rules fired on most evaluations: " + withHits);
        // the session that ran the last evaluation may still refer to its last fact until it runs another
        List<Integer> allowed = List.of(evaluated.size() - 1);
        List<Integer> reachable = reachable(evaluated);
        for (int round = 0; round < 20 && !allowed.containsAll(reachable); round++) {
            System.gc();
            Thread.sleep(20);
            reachable = reachable(evaluated);
        }
        assertTrue(allowed.containsAll(reachable), reachable.size() + " of " + evaluated.size()
                + " evaluated events are still reachable: " + reachable.subList(0, Math.min(20, reachable.size())));
    }

    private static List<Integer> reachable(List<WeakReference<RiskEvent>> events) {
        List<Integer> reachable = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).get() != null) {
                reachable.add(i);
            }
        }
        return reachable;
    }

    /**
     * Evaluates {@code n} claims with varied feature values, remembering each event weakly (in a method of
     * its own, so that no local of the caller's frame holds the last one); returns how many had hits.
     */
    private static int evaluateVariedClaims(CompiledRules rules, int n, List<WeakReference<RiskEvent>> evaluated) {
        String[] features = {"device.accounts_24h", "ip.accounts_1h", "account.claims_1h", "subnet.accounts_24h",
                "device.live_accounts_1h", "graph.cluster_size", "phone.accounts_30d"};
        int withHits = 0;
        for (int i = 0; i < n; i++) {
            RiskEvent event = claim("u-" + i, "d-" + i % 50);
            Map<String, Double> values = new TreeMap<>();
            for (int f = 0; f < features.length; f++) {
                values.put(features[f], (double) ((i * (f + 3)) % 40));
            }
            RuleEvaluation evaluation = rules.evaluate(new RuleInput(event, new FeatureVector(values)), RELAXED);
            assertNull(evaluation.failure(), evaluation.toString());
            withHits += evaluation.hits().isEmpty() ? 0 : 1;
            evaluated.add(new WeakReference<>(event));
        }
        return withHits;
    }

    @Test
    void evaluate_stopsWhenTheTimeBudgetIsSpent() {
        RuleEvaluation evaluation = fiveFiringRules().evaluate(new RuleInput(claim("u1", "d1"), FeatureVector.empty()),
                new EvaluationLimits(1_000, Duration.ofNanos(1)));
        assertTrue(evaluation.failure().startsWith("exceeded time budget of 0 µs") || evaluation.failure().startsWith("exceeded time budget"),
                evaluation.failure());
        assertTrue(evaluation.hits().size() < 5, "a spent budget stops before all rules fire: " + evaluation.hits());
    }

    @Test
    void compile_consequencesAreJava8_textBlocksAreRefusedWithTheirLine() {
        String drl = HEADER + "rule \"tb\" @id(\"tb\")\nwhen\n  e : Event()\nthen\n  hits.add(1, \"X_Y\", \"\"\"\n      text\"\"\");\nend\n";
        RulePackRejectedException e = assertThrows(RulePackRejectedException.class,
                () -> COMPILER.compile(RulePacks.of("p", Map.of("tb.drl", drl))));
        RuleError error = e.errors().get(0);
        assertEquals("tb.drl", error.file());
        assertEquals(6, error.line(), error.toString());
        assertTrue(error.message().contains("Text Blocks"), error.message());
    }

    @Test
    void evaluate_reportsARuleThatThrows() {
        String drl = HEADER + "rule \"throws\" @id(\"thrower\")\nwhen\n  e : Event()\nthen\n  hits.add(1, \"X_Y\", e.getDeviceId().substring(50));\nend\n";
        CompiledRules rules = COMPILER.compile(RulePacks.of("p", Map.of("t.drl", drl)));
        RuleEvaluation evaluation = rules.evaluate(new RuleInput(claim("u1", "d1"), FeatureVector.empty()), RELAXED);
        assertTrue(evaluation.failure().startsWith("rule thrower threw StringIndexOutOfBoundsException"), evaluation.failure());
        assertEquals(List.of(), evaluation.hits());
        // the pool is not poisoned: the next evaluation of a sane pack runs normally
        RuleEvaluation next = fiveFiringRules().evaluate(new RuleInput(claim("u2", "d2"), FeatureVector.empty()), RELAXED);
        assertNull(next.failure());
    }

    @Test
    void evaluate_reportsScoresAndCodesOutsideTheContract() {
        CompiledRules score = COMPILER.compile(RulePacks.of("p", Map.of("s.drl", HEADER + simpleRule("big", "claim", 150, "TOO_BIG"))));
        assertEquals("rule big added score 150: scores must be 0-100",
                score.evaluate(new RuleInput(claim("u1", "d1"), FeatureVector.empty()), RELAXED).failure());
        CompiledRules code = COMPILER.compile(RulePacks.of("p", Map.of("c.drl", HEADER + simpleRule("lower", "claim", 10, "not-a-code"))));
        assertEquals("rule lower added reason code 'not-a-code': codes must be UPPER_SNAKE, 2-64 characters",
                code.evaluate(new RuleInput(claim("u1", "d1"), FeatureVector.empty()), RELAXED).failure());
    }

    @Test
    void evaluate_isThreadSafe() throws Exception {
        CompiledRules rules = COMPILER.compile(RulePacks.of("p", Map.of("a.drl",
                HEADER + simpleRule("farm", "claim", 30, "FARM") + simpleRule("any", "", 5, "ANY"))));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 2_000; i++) {
                        String device = "d-" + thread + "-" + i;
                        RuleEvaluation evaluation = rules.evaluate(new RuleInput(claim("u-" + thread + "-" + i, device),
                                new FeatureVector(Map.of("device.accounts_24h", (double) i))), new EvaluationLimits(1_000, Duration.ofSeconds(10)));
                        Map<String, String> byRule = new TreeMap<>();
                        evaluation.hits().forEach(h -> byRule.put(h.ruleId(), h.message()));
                        String expected = "device " + device + " seen with " + i;
                        if (evaluation.failed() || !Map.of("farm", expected, "any", expected).equals(byRule)) {
                            throw new AssertionError("thread " + thread + " got " + evaluation);
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get();
            }
            assertEquals(8_000, total);
        } finally {
            pool.shutdownNow();
        }
    }
}
