package io.woolguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.RuleError;
import io.woolguard.core.RulePackRejectedException;
import io.woolguard.core.spi.CompiledRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every hostile pattern is rejected at compile time, with a message saying why and the line it is on.
 * Each pack is: a 5-line header, then the rule on lines 6-11 (condition on line 8, consequence on line 10).
 */
class SandboxTest {
    private static final DroolsRulePackCompiler COMPILER = new DroolsRulePackCompiler(2);
    static final String HEADER = """
            package rules.test;
            import io.woolguard.rules.Event;
            import io.woolguard.rules.Features;
            global io.woolguard.rules.Hits hits;

            """;

    static String rule(String condition, String consequence) {
        return HEADER + """
                rule "hostile" @id("hostile")
                when
                  %s
                then
                  %s
                end
                """.formatted(condition, consequence);
    }

    private static RuleError rejected(String drl, String messagePart) {
        RulePackRejectedException e = assertThrows(RulePackRejectedException.class,
                () -> COMPILER.compile(RulePacks.of("hostile", Map.of("hostile.drl", drl))));
        List<RuleError> errors = e.errors();
        return errors.stream().filter(err -> err.message().contains(messagePart)).findFirst()
                .orElseThrow(() -> new AssertionError("no error mentions '" + messagePart + "': " + errors));
    }

    private static void rejectsConsequence(String code, String messagePart) {
        RuleError error = rejected(rule("e : Event()", code), messagePart);
        assertEquals("hostile.drl", error.file());
        assertEquals(10, error.line(), error.toString());
    }

    private static void rejectsCondition(String condition, String messagePart) {
        RuleError error = rejected(rule(condition, "hits.add(1, \"X_X\", \"x\");"), messagePart);
        assertEquals("hostile.drl", error.file());
        assertEquals(8, error.line(), error.toString());
    }

    @Test
    void sandbox_allowsAWellBehavedRule() {
        CompiledRules rules = COMPILER.compile(RulePacks.of("ok", Map.of("ok.drl", rule(
                "e : Event(claim, userAgent.toLowerCase().contains(\"bot\") || accountAgeHours < Math.max(1, 24))\n  f : Features(num(\"device.accounts_24h\") >= 3)",
                "String where = e.getDeviceId().isEmpty() ? \"unknown\" : e.getDeviceId().substring(0, 1);\n  hits.add(10, \"OK_RULE\", where + f.count(\"x\") + e.attr(\"channel\"));"))));
        assertEquals(1, rules.rules().size());
        assertEquals("hostile", rules.rules().get(0).id());
    }

    @Test
    void sandbox_rejectsSystemExit() {
        rejectsConsequence("System.exit(0);", "'System' is not allowed: rules cannot reach the JVM or the operating system");
    }

    @Test
    void sandbox_rejectsRuntimeExec() {
        rejectsConsequence("Runtime.getRuntime().exec(\"rm -rf /\");", "'Runtime' is not allowed");
    }

    @Test
    void sandbox_rejectsProcessBuilder() {
        rejectsConsequence("new ProcessBuilder(\"sh\").start();", "'new' is not allowed");
        rejectsConsequence("ProcessBuilder b = null;", "'ProcessBuilder' is not allowed: rules cannot start processes");
    }

    @Test
    void sandbox_rejectsGetClassAndForName() {
        rejectsConsequence("e.getClass().getClassLoader();", "'.getClass' is not allowed: reflection is not allowed");
        rejectsConsequence("Class.forName(\"java.lang.Runtime\");", "'Class' is not allowed: reflection is not allowed");
    }

    @Test
    void sandbox_rejectsJavaLangReflect() {
        rejectsConsequence("java.lang.reflect.Method m = null;", "'java' is not allowed");
    }

    @Test
    void sandbox_rejectsMethodHandles() {
        rejectsConsequence("MethodHandles.lookup();", "'MethodHandles' is not allowed: reflection is not allowed");
    }

    @Test
    void sandbox_rejectsJavaIo() {
        rejectsConsequence("java.io.File f = null;", "packages outside the facts (java.io, java.nio, java.net, ...) are not reachable");
    }

    @Test
    void sandbox_rejectsJavaNio() {
        rejectsConsequence("Files.readAllBytes(null);", "'Files' is not allowed: files are not reachable");
    }

    @Test
    void sandbox_rejectsJavaNet() {
        rejectsConsequence("Socket s = null;", "'Socket' is not allowed: the network is not reachable");
    }

    @Test
    void sandbox_rejectsThreads() {
        rejectsConsequence("Thread.sleep(100000);", "'Thread' is not allowed: threads are not allowed");
    }

    @Test
    void sandbox_rejectsExecutors() {
        rejectsConsequence("Executors.newFixedThreadPool(4);", "'Executors' is not allowed: threads are not allowed");
    }

    @Test
    void sandbox_rejectsClassLoaders() {
        rejectsConsequence("ClassLoader l = null;", "'ClassLoader' is not allowed: class loaders are not allowed");
    }

    @Test
    void sandbox_rejectsEvalInCondition() {
        rejectsCondition("e : Event() and eval(true)", "eval");
    }

    @Test
    void sandbox_rejectsModifyBlock() {
        rejectsConsequence("modify(e) { }", "'modify' is not allowed: rules must not change facts");
    }

    @Test
    void sandbox_rejectsInsertUpdateDelete() {
        rejectsConsequence("insert(\"x\");", "'insert' is not allowed: rules must not change facts");
        rejectsConsequence("update(e);", "'update' is not allowed: rules must not change facts");
        rejectsConsequence("delete(e);", "'delete' is not allowed: rules must not change facts");
        rejectsConsequence("retract(e);", "'retract' is not allowed: rules must not change facts");
    }

    @Test
    void sandbox_rejectsMvelTemplates() {
        rejectsConsequence("hits.add(1, \"X_X\", @{e.deviceId});", "MVEL templates (@{...}) are not allowed");
    }

    @Test
    void sandbox_rejectsDroolsAndKcontext() {
        rejectsConsequence("drools.halt();", "'drools' is not allowed: access to the rule runtime (drools.*) is not allowed");
        rejectsConsequence("kcontext.getKieRuntime();", "'kcontext' is not allowed: access to the rule runtime (kcontext.*) is not allowed");
    }

    @Test
    void sandbox_rejectsImportsOutsideTheFacts() {
        String drl = HEADER.replace("import io.woolguard.rules.Features;", "import java.io.File;") + "rule \"r\" @id(\"r\") when e : Event() then end\n";
        RuleError error = rejected(drl, "import of java.io.File is not allowed");
        assertEquals(3, error.line());
    }

    @Test
    void sandbox_rejectsFunctions() {
        String drl = HEADER + "function int spin(int n) { return spin(n + 1); }\n";
        RuleError error = rejected(drl, "function 'spin' is not allowed");
        assertEquals(6, error.line());
    }

    @Test
    void sandbox_rejectsDeclaredTypes() {
        String drl = HEADER + "declare Sneaky\n  name : String\nend\n";
        RuleError error = rejected(drl, "declared type 'Sneaky' is not allowed");
        assertEquals(6, error.line());
    }

    @Test
    void sandbox_rejectsLoops() {
        rejectsConsequence("while (true) { }", "'while' is not allowed: loops are not allowed in rules");
        rejectsConsequence("for (int i = 0; i < 10; i++) { }", "'for' is not allowed: loops are not allowed in rules");
        rejectsConsequence("do { } while (true);", "'do' is not allowed: loops are not allowed in rules");
    }

    @Test
    void sandbox_rejectsOtherGlobals() {
        String drl = HEADER + "global java.util.List leak;\n";
        RuleError error = rejected(drl, "global 'java.util.List leak' is not allowed");
        assertEquals(6, error.line());
    }

    @Test
    void sandbox_rejectsFromAndAccumulate() {
        rejectsCondition("e : Event() f : Features() from e.getAttributes().values()", "'from' is not allowed");
        rejectsCondition("e : Event() n : Number() from accumulate(Event(), count(1))", "'accumulate' is not allowed");
    }

    @Test
    void sandbox_rejectsUnicodeEscapes() {
        rejectsConsequence("\\u0053ystem.exit(0);", "unicode escapes");
    }

    @Test
    void sandbox_rejectsQueries() {
        String drl = HEADER + "query \"all events\"\n  e : Event()\nend\n";
        RuleError error = rejected(drl, "query 'all events' is not allowed");
        assertEquals(6, error.line());
    }

    @Test
    void sandbox_rejectsTimers() {
        String drl = HEADER + "rule \"t\" @id(\"t\") timer (int: 1s 1s)\nwhen\n  e : Event()\nthen\nend\n";
        RuleError error = rejected(drl, "'timer'");
        assertEquals(6, error.line());
    }

    @Test
    void sandbox_rejectsCatastrophicRegex() {
        rejectsCondition("e : Event(userAgent matches \"(a+)+b\")", "nested quantifier");
    }

    @Test
    void sandbox_rejectsRegexThatBacktracksThroughAlternationOrDeepNesting() {
        // neither has a quantifier directly inside a repeated group; both are exponential on "aaaa...!"
        rejectsCondition("e : Event(userAgent matches \"(a|aa)+$\")", "a repeated group can match the same text in more than one way");
        rejectsCondition("e : Event(userAgent matches \"((a+)b?)+$\")", "can take exponential time on a hostile input");
        rejectsCondition("e : Event(userAgent matches \"(\\\\w+\\\\s?)*$\")", "can take exponential time");
    }

    @Test
    void sandbox_rejectsMemoryBombs() {
        rejectsConsequence("hits.add(1, \"X_X\", \"x\".repeat(1000000000));", "String.repeat is not allowed");
        rejectsConsequence("hits.add(1, \"X_X\", String.format(\"%099999999d\", 1));", "String.format is not allowed");
    }

    @Test
    void sandbox_rejectsLambdas() {
        rejectsConsequence("Math.max(1, 2); e.getAttributes().keySet().removeIf(k -> true);", "'.removeIf' is not allowed");
    }

    @Test
    void sandbox_rejectsPatternsOverOtherTypes() {
        rejectsCondition("s : String()", "conditions may match only Event and Features");
    }

    @Test
    void sandbox_rejectsReflectionInCondition() {
        rejectsCondition("e : Event(this.getClass().getName() == \"x\")", "'.getClass' is not allowed");
    }

    @Test
    void sandbox_checksTheWholeConsequenceEvenPastAWordEnd() {
        // Drools ends a consequence at an 'end' on its own; a variable named end must not end the check
        rejectsConsequence("String end = \"\"; System.exit(0);", "'System' is not allowed");
        rejectsConsequence("int end = 1; Runtime.getRuntime().halt(0); // end", "'Runtime' is not allowed");
    }

    @Test
    void sandbox_rejectsThisInConsequences() {
        rejectsConsequence("hits.add(1, \"X_X\", this.toString());", "'this' is not allowed in a consequence");
    }

    @Test
    void sandbox_rejectsUnknownNames() {
        rejectsConsequence("Object o = e;", "'Object' is not allowed in a consequence");
    }

    @Test
    void sandbox_rejectsCodeInAnnotationValues() {
        String drl = HEADER + "rule \"meta\" @id(\"meta\") @description(Runtime.getRuntime().exec(\"x\"))\nwhen\n  e : Event()\nthen\nend\n";
        RuleError error = rejected(drl, "annotation values must be plain text");
        assertEquals(6, error.line());
    }

    @Test
    void sandbox_rejectsEnabledExpressions() {
        String drl = HEADER + "rule \"en\" @id(\"en\") enabled (e != null)\nwhen\n  e : Event()\nthen\nend\n";
        RuleError error = rejected(drl, "enabled must be true or false");
        assertEquals(6, error.line());
    }

    @Test
    void sandbox_rejectsRegexFromData() {
        rejectsCondition("e : Event(userAgent matches attr(\"pattern\"))", "'matches' needs a literal regular expression");
        rejectsConsequence("hits.add(1, \"X_X\", \"\" + e.getUserAgent().matches(\"(a|aa)+\"));", "'.matches' is not allowed");
    }

    @Test
    void sandbox_rejectsMissingId() {
        String drl = HEADER + "rule \"no id\"\nwhen\n  e : Event()\nthen\nend\n";
        RuleError error = rejected(drl, "rule 'no id' has no @id");
        assertEquals(6, error.line());
    }

    @Test
    void sandbox_rejectsBadId() {
        rejected(HEADER + "rule \"bad id\" @id(\"Bad Id!\")\nwhen\n  e : Event()\nthen\nend\n", "ids are 1-64 lower-case letters");
    }

    @Test
    void sandbox_rejectsDuplicateIdsAcrossFiles() {
        String a = HEADER + "rule \"first\" @id(\"same\")\nwhen\n  e : Event()\nthen\nend\n";
        String b = HEADER.replace("rules.test", "rules.other") + "rule \"second\" @id(\"same\")\nwhen\n  e : Event()\nthen\nend\n";
        RulePackRejectedException e = assertThrows(RulePackRejectedException.class,
                () -> COMPILER.compile(RulePacks.of("dup", Map.of("a.drl", a, "b.drl", b))));
        assertEquals(1, e.errors().size(), e.errors().toString());
        RuleError error = e.errors().get(0);
        assertEquals("b.drl", error.file());
        assertTrue(error.message().contains("already used by rule 'first' in a.drl"), error.message());
    }

    @Test
    void sandbox_reportsEveryProblemAtOnce() {
        String drl = rule("e : Event()", "System.exit(0);\n  while (true) { }");
        RulePackRejectedException e = assertThrows(RulePackRejectedException.class,
                () -> COMPILER.compile(RulePacks.of("many", Map.of("many.drl", drl))));
        assertEquals(List.of(10, 10, 11), e.errors().stream().map(RuleError::line).toList(), e.errors().toString());
        assertFalse(e.getMessage().isBlank());
    }
}
