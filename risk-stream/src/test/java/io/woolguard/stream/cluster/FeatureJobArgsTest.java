package io.woolguard.stream.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureJobArgsTest {
    private static final String[] FULL = {"--bootstrap-servers", "k1:9092,k2:9092", "--events-topic", "ev",
            "--labels-topic", "lb", "--features-topic", "ft", "--parallelism", "4", "--checkpoint-dir", "s3://b/cp"};

    @Test
    void parse_readsEveryArgumentAndDefaultsTheOptionalOnes() {
        FeatureJobArgs args = FeatureJobArgs.parse(FULL);
        assertEquals("k1:9092,k2:9092", args.bootstrapServers());
        assertEquals("ev", args.eventsTopic());
        assertEquals("lb", args.labelsTopic());
        assertEquals("ft", args.featuresTopic());
        assertEquals(4, args.parallelism());
        assertEquals("s3://b/cp", args.checkpointDir());
        assertEquals(Duration.ofSeconds(10), args.checkpointInterval());
        assertEquals("woolguard-features", args.groupId());
    }

    @Test
    void parse_acceptsEqualsFormAndOptionalArguments() {
        FeatureJobArgs args = FeatureJobArgs.parse(new String[] {"--bootstrap-servers=k:1", "--events-topic=e",
                "--labels-topic=l", "--features-topic=f", "--parallelism=2", "--checkpoint-dir=/cp",
                "--checkpoint-interval=500ms", "--group-id=g"});
        assertEquals(Duration.ofMillis(500), args.checkpointInterval());
        assertEquals("g", args.groupId());
    }

    @Test
    void parse_namesEveryMissingArgumentAndPrintsUsage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureJobArgs.parse(new String[] {"--bootstrap-servers", "k:1", "--events-topic", "e"}));
        assertTrue(e.getMessage().startsWith("missing --labels-topic, --features-topic, --parallelism, --checkpoint-dir"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Usage: flink run"), e.getMessage());
    }

    @Test
    void parse_rejectsUnknownArgumentsValuelessFlagsAndBadNumbers() {
        assertProblem("unknown argument --topic", "--topic", "x");
        assertProblem("--parallelism needs a value", "--parallelism");
        assertProblem("--parallelism must be a whole number, got 'two'", replace("--parallelism", "two"));
        assertProblem("--parallelism must be at least 1, got 0", replace("--parallelism", "0"));
        assertProblem("--checkpoint-interval must be a positive duration", with("--checkpoint-interval", "10"));
        assertProblem("unexpected argument 'run'", "run");
    }

    private static void assertProblem(String expectedStart, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureJobArgs.parse(args));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    private static String[] replace(String name, String value) {
        String[] args = FULL.clone();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name)) {
                args[i + 1] = value;
            }
        }
        return args;
    }

    private static String[] with(String name, String value) {
        String[] args = java.util.Arrays.copyOf(FULL, FULL.length + 2);
        args[FULL.length] = name;
        args[FULL.length + 1] = value;
        return args;
    }
}
