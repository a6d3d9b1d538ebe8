package io.woolguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Core embeds anywhere: no framework may leak into its sources (the enforcer guards its dependencies). */
class CoreBoundaryTest {
    private static final Pattern FRAMEWORK_IMPORT =
            Pattern.compile("^import\\s+(static\\s+)?(org\\.drools|org\\.kie|org\\.apache\\.flink|io\\.micronaut)\\.", Pattern.MULTILINE);

    @Test
    void mainSources_importNoDroolsFlinkOrMicronaut() throws IOException {
        Path sources = Path.of("src", "main", "java");
        List<Path> offenders;
        long files;
        try (Stream<Path> walk = Files.walk(sources)) {
            List<Path> java = walk.filter(p -> p.toString().endsWith(".java")).toList();
            files = java.size();
            offenders = java.stream().filter(p -> FRAMEWORK_IMPORT.matcher(read(p)).find()).toList();
        }
        assertTrue(files > 40, "the scan saw the sources: " + files);
        assertEquals(List.of(), offenders);
    }

    @Test
    void frameworkClasses_areNotOnCoresClasspath() {
        for (String name : List.of("org.drools.core.impl.RuleBase", "org.kie.api.KieServices",
                "org.apache.flink.api.common.functions.Function", "io.micronaut.context.ApplicationContext")) {
            boolean present;
            try {
                Class.forName(name, false, getClass().getClassLoader());
                present = true;
            } catch (ClassNotFoundException e) {
                present = false;
            }
            assertTrue(!present, name + " must not be reachable from risk-core");
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
