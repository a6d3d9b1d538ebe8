package io.woolguard.stream.cluster;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@link FeatureJobMain}. {@link #parse} fails with an
 * {@link IllegalArgumentException} whose message names what is wrong and ends with {@link #USAGE}.
 *
 * @param bootstrapServers   Kafka bootstrap servers
 * @param eventsTopic        topic of accepted events (core JSON codec)
 * @param labelsTopic        topic of labels (core JSON codec)
 * @param featuresTopic      topic the feature updates go to (make it compacted)
 * @param parallelism        job parallelism
 * @param checkpointDir      checkpoint location: a path or URI the whole cluster can reach ({@code s3://…}, {@code hdfs://…})
 * @param checkpointInterval how often to checkpoint
 * @param groupId            consumer group the source commits its offsets under (for monitoring)
 */
public record FeatureJobArgs(String bootstrapServers, String eventsTopic, String labelsTopic, String featuresTopic,
                             int parallelism, String checkpointDir, Duration checkpointInterval, String groupId) {
    /** The usage text. */
    public static final String USAGE = String.join("\n",
            "Usage: flink run -c io.woolguard.stream.cluster.FeatureJobMain risk-stream-<version>-job.jar \\",
            "         --bootstrap-servers <host:port,...> --events-topic <topic> --labels-topic <topic> \\",
            "         --features-topic <topic> --parallelism <n> --checkpoint-dir <uri> \\",
            "         [--checkpoint-interval <10s>] [--group-id <woolguard-features>]");

    private static final List<String> REQUIRED = List.of("bootstrap-servers", "events-topic", "labels-topic",
            "features-topic", "parallelism", "checkpoint-dir");
    private static final List<String> OPTIONAL = List.of("checkpoint-interval", "group-id");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    /**
     * Parses {@code --name value} or {@code --name=value} pairs.
     *
     * @throws IllegalArgumentException naming the missing, unknown or malformed argument, followed by the usage
     */
    public static FeatureJobArgs parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw usage("unexpected argument '" + arg + "'");
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw usage("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                throw usage("unknown argument --" + name);
            }
            if (value.isBlank()) {
                throw usage("--" + name + " must not be empty");
            }
            values.put(name, value.trim());
        }
        List<String> missing = REQUIRED.stream().filter(name -> !values.containsKey(name)).map(n -> "--" + n).toList();
        if (!missing.isEmpty()) {
            throw usage("missing " + String.join(", ", missing));
        }
        int parallelism;
        try {
            parallelism = Integer.parseInt(values.get("parallelism"));
        } catch (NumberFormatException e) {
            throw usage("--parallelism must be a whole number, got '" + values.get("parallelism") + "'");
        }
        if (parallelism < 1) {
            throw usage("--parallelism must be at least 1, got " + parallelism);
        }
        Duration interval = duration(values.getOrDefault("checkpoint-interval", "10s"));
        return new FeatureJobArgs(values.get("bootstrap-servers"), values.get("events-topic"),
                values.get("labels-topic"), values.get("features-topic"), parallelism, values.get("checkpoint-dir"),
                interval, values.getOrDefault("group-id", "woolguard-features"));
    }

    private static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw usage("--checkpoint-interval must be a positive duration like 500ms, 10s, 1m; got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem + "\n" + USAGE);
    }
}
