package io.woolguard.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.RulePack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
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
