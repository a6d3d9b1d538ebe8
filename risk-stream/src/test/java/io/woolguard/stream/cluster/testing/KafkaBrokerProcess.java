package io.woolguard.stream.cluster.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A single-node KRaft broker (Kafka's own test kit, 4.3.1) in a child JVM: the broker needs
 * kafka-clients 4.3.1, while the test JVM keeps 4.2.0, the version that ships with the connector.
 * The child prints {@code BOOTSTRAP <servers>} once the topics exist and stops when its standard
 * input closes (the parent ended or closed it), so it never outlives the test.
 */
public final class KafkaBrokerProcess implements AutoCloseable {
    /** Longest wait for the broker to be ready with its topics. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private final Process process;
    private final String bootstrapServers;

    private KafkaBrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the broker with these topics ({@code name:partitions[:compact]}) and waits until it is ready.
     *
     * @param logFile where the broker's output goes
     */
    public static KafkaBrokerProcess start(Path logFile, String... topics) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", brokerClasspath(), KafkaBrokerProcess.class.getName()));
        command.addAll(List.of(topics));
        Process process = new ProcessBuilder(command).redirectError(logFile.toFile()).start();
        // a broker that never gets ready (or hangs creating topics) is killed, which ends the read below,
        // instead of hanging the build
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(process::destroyForcibly,
                CompletableFuture.delayedExecutor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("BOOTSTRAP ")) {
                watchdog.cancel(false);
                return new KafkaBrokerProcess(process, line.substring("BOOTSTRAP ".length()).trim());
            }
        }
        watchdog.cancel(false);
        process.destroyForcibly();
        throw new IllegalStateException("the Kafka broker process ended (or was killed after " + START_TIMEOUT
                + ") before it was ready; see " + logFile);
    }

    /** The broker's bootstrap servers. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker and waits for its process to end. */
    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** This JVM's classpath, with kafka-clients 4.3.1 (copied to target/kafka-broker-lib) instead of 4.2.0. */
    private static String brokerClasspath() throws IOException {
        Path clients = Path.of("target", "kafka-broker-lib", "kafka-clients-4.3.1.jar").toAbsolutePath();
        if (!Files.isRegularFile(clients)) {
            throw new IllegalStateException(clients + " is missing: run the build through Maven (the"
                    + " generate-test-resources phase copies it)");
        }
        Set<String> entries = new LinkedHashSet<>();
        entries.add(clients.toString());
        for (String entry : expandedClasspath()) {
            if (!Path.of(entry).getFileName().toString().startsWith("kafka-clients-")) {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** The classpath entries, following a manifest-only booter jar's Class-Path (as surefire and failsafe use). */
    private static List<String> expandedClasspath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Manifest manifest = null;
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                try (JarFile jar = new JarFile(entry)) {
                    manifest = jar.getManifest();
                }
            }
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath != null && Path.of(entry).getFileName().toString().startsWith("surefire")) {
                for (String url : classPath.trim().split("\\s+")) {
                    entries.add(Path.of(URI.create(new URL(Path.of(entry).toUri().toURL(), url).toString())).toString());
                }
            } else {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** The child: {@code name:partitions[:compact]...}. */
    public static void main(String[] topics) throws Exception {
        try (KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build()) {
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            try (Admin admin = kafka.admin()) {
                List<NewTopic> newTopics = new ArrayList<>();
                for (String topic : topics) {
                    String[] parts = topic.split(":");
                    NewTopic newTopic = new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1);
                    if (parts.length > 2 && parts[2].equals("compact")) {
                        newTopic.configs(Map.of("cleanup.policy", "compact"));
                    }
                    newTopics.add(newTopic);
                }
                admin.createTopics(newTopics).all().get();
            }
            System.out.println("BOOTSTRAP " + kafka.bootstrapServers());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the parent closes our standard input or dies
            }
        }
    }
}
