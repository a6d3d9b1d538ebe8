package io.woolguard.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.RulePack;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulePacksTest {
    @TempDir
    Path dir;

    @Test
    void fromDirectory_readsEveryRuleFileByRelativePath() throws IOException {
        Files.createDirectories(dir.resolve("device"));
        Files.writeString(dir.resolve("device/farm.drl"), "rule");
        Files.write(dir.resolve("thresholds.csv"), new byte[] {1, 2});
        Files.write(dir.resolve("table.xlsx"), new byte[] {3});
        Files.writeString(dir.resolve("README.md"), "notes are not rules");
        RulePack pack = RulePacks.fromDirectory(dir);
        assertEquals(Set.of("device/farm.drl", "thresholds.csv", "table.xlsx"), pack.files().keySet());
        assertArrayEquals("rule".getBytes(StandardCharsets.UTF_8), pack.files().get("device/farm.drl"));
        assertEquals(dir.getFileName().toString(), pack.name());
    }

    @Test
    void fromDirectory_rejectsMissingDirectory() {
        Path missing = dir.resolve("nope");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RulePacks.fromDirectory(missing));
        assertEquals("rule directory " + missing.toAbsolutePath() + " does not exist", e.getMessage());
    }

    @Test
    void fromDirectory_rejectsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("one.drl"), "rule");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RulePacks.fromDirectory(file));
        assertTrue(e.getMessage().endsWith("is not a directory: point at the folder holding the .drl files"), e.getMessage());
    }

    @Test
    void fromDirectory_rejectsADirectoryWithoutRuleFiles() throws IOException {
        Files.writeString(dir.resolve("README.md"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RulePacks.fromDirectory(dir));
        assertEquals("no rule files (*.drl, *.csv, *.xlsx) under " + dir.toAbsolutePath(), e.getMessage());
    }

    @Test
    void fromClasspath_rejectsAMissingFolder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RulePacks.fromClasspath("no/such/folder"));
        assertEquals("classpath folder 'no/such/folder' not found", e.getMessage());
    }

    @Test
    void fromClasspath_readsAFolderInAJar() throws IOException {
        Path jar = dir.resolve("rules.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : List.of("pack/", "pack/device/", "packed/")) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("pack/device/farm.drl", "rule farm");
            entries.put("pack/thresholds.CSV", "a,b");
            entries.put("pack/README.md", "notes are not rules");
            entries.put("packed/other.drl", "a folder whose name starts with the same letters");
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            RulePack pack = RulePacks.fromClasspath(loader, "/pack/");
            assertEquals("pack", pack.name());
            assertEquals(Set.of("device/farm.drl", "thresholds.CSV"), pack.files().keySet());
            assertArrayEquals("rule farm".getBytes(StandardCharsets.UTF_8), pack.files().get("device/farm.drl"));
            assertArrayEquals("a,b".getBytes(StandardCharsets.UTF_8), pack.files().get("thresholds.CSV"));
        }
        Files.delete(jar); // closed: the pack's JarFile is not left open (on Windows the delete would fail)
    }

    @Test
    void defaultPack_holdsTheTopicsAndTheThresholdTable() {
        RulePack pack = RulePacks.defaultPack();
        assertEquals("default", pack.name());
        assertTrue(pack.files().keySet().containsAll(Set.of("device/device.drl", "device/automation.drl", "account/account.drl",
                "network/network.drl", "identity/identity.drl", "order/order.drl", "graph/graph.drl", "campaign/campaign.drl",
                "thresholds/velocity.csv")), pack.files().keySet().toString());
    }

    @Test
    void of_buildsATextPack() {
        RulePack pack = RulePacks.of("mine", Map.of("a.drl", "x"));
        assertEquals("mine", pack.name());
        assertArrayEquals(new byte[] {'x'}, pack.files().get("a.drl"));
    }
}
