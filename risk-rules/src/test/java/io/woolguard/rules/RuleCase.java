package io.woolguard.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.Outcome;
import io.woolguard.core.PersonalDataHasher;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.json.WoolguardJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One analyst-written test case from {@code src/test/resources/cases/*.json}: an event in the
 * contract's JSON, the features the engine would have found, and the expected outcome with the
 * exact set of reason codes.
 */
record RuleCase(String file, String name, RiskEvent event, FeatureVector features, Outcome outcome, Set<String> reasons) {
    static final PersonalDataHasher HASHER = PersonalDataHasher.withSecret("rule-cases-secret");

    @Override
    public String toString() {
        return file + ": " + name;
    }

    static List<RuleCase> all() {
        try {
            Path dir = Path.of(RuleCase.class.getClassLoader().getResource("cases").toURI());
            List<RuleCase> cases = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    cases.addAll(read(file));
                }
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<RuleCase> read(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = WoolguardJson.mapper().readTree(in);
        }
        List<RuleCase> cases = new ArrayList<>();
        for (JsonNode node : root) {
            String name = node.path("name").asText();
            RiskEvent event = WoolguardJson.readEvent(node.get("event")).protect(HASHER);
            Map<String, Double> features = new LinkedHashMap<>();
            node.path("features").fields().forEachRemaining(f -> features.put(f.getKey(), f.getValue().asDouble()));
            JsonNode expect = node.get("expect");
            Set<String> reasons = new TreeSet<>();
            expect.path("reasons").forEach(r -> reasons.add(r.asText()));
            cases.add(new RuleCase(file.getFileName().toString(), name, event, new FeatureVector(features),
                    Outcome.valueOf(expect.get("outcome").asText()), reasons));
        }
        return cases;
    }
}
