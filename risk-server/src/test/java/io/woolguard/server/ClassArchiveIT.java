package io.woolguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data-sharing archive the build's training run writes (ClassArchiveTraining) is one the
 * README's run command (ZGC) can use with the jar built next to it, holds the service's own classes and
 * those of the libraries start-up spends its time in, and is refused, not misused, for another jar.
 */
class ClassArchiveIT {
    static Path jar;
    static Path archive;

    @BeforeAll
    static void locate() {
        assumeFalse(Boolean.getBoolean("skipCdsArchive"), "the build was told to skip the archive (-DskipCdsArchive)");
        jar = Path.of(System.getProperty("woolguard.server.jar", "target/risk-server.jar"));
        archive = Path.of(System.getProperty("woolguard.server.jsa", "target/risk-server.jsa"));
        assertTrue(Files.isRegularFile(jar), "the shaded jar is built before integration tests: " + jar);
        assertTrue(Files.isRegularFile(archive), "the package phase writes the archive next to the jar: " + archive);
    }

    @Test
    void archive_isValidForTheBuiltJar_andHoldsTheServiceAndItsStartUpLibraries() throws Exception {
        Printed printed = printArchive(jar);
        String listing = printed.output();

        assertEquals(0, printed.status(), "the JVM accepts the archive for this jar:\n" + tail(listing));
        assertTrue(listing.contains("archive is valid"), "the JVM accepts the archive for this jar:\n" + tail(listing));
        for (String cls : List.of("io.woolguard.server.http.DecisionController", "io.woolguard.core.internal.engine.DefaultRiskEngine",
                "org.apache.flink.runtime.minicluster.MiniCluster", "io.micronaut.http.server.netty.NettyHttpServer",
                "org.drools.kiesession.session.StatefulKnowledgeSessionImpl")) {
            assertTrue(listing.contains(": " + cls + " "), cls + " is archived");
        }
        long archivedClasses = listing.lines().filter(line -> line.contains(" app_loader")).count();
        assertTrue(archivedClasses > 5_000, "the training run loaded the service's classes, not a stub: " + archivedClasses);
    }

    @Test
    void archive_isRefusedForAnotherJar(@TempDir Path dir) throws Exception {
        Path rebuilt = Files.copy(jar, dir.resolve("risk-server.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.setLastModifiedTime(rebuilt, FileTime.from(Instant.now().plusSeconds(60)));

        Printed printed = printArchive(rebuilt);

        assertTrue(printed.output().contains("archive is invalid"), "a rebuilt jar does not match the archive:\n" + tail(printed.output()));
        assertEquals(1, printed.status(), "and the check says so in its status");
    }

    private record Printed(int status, String output) {
    }

    /** {@code -XX:+PrintSharedArchiveAndExit}: validates the archive against the class path and lists it. */
    private static Printed printArchive(Path classPath) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseZGC", "-XX:SharedArchiveFile=" + archive.toAbsolutePath(), "-XX:+PrintSharedArchiveAndExit",
                "-cp", classPath.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM printed the archive and exited");
        return new Printed(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 2_000));
    }
}
