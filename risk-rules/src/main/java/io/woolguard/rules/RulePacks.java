package io.woolguard.rules;

import io.woolguard.core.RulePack;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where rule packs come from: a directory an analyst edits, a classpath folder, the default pack
 * shipped in this jar, or strings. A pack holds every {@code *.drl}, {@code *.csv} and
 * {@code *.xlsx} file below its root, by relative path with {@code /} separators; other files
 * (README, notes) are ignored.
 */
public final class RulePacks {
    /** Where the default pack lives on the classpath. */
    public static final String DEFAULT_PACK_RESOURCE = "rules";

    private RulePacks() {
    }

    /**
     * Every rule file below {@code directory}, named after the directory.
     *
     * @throws IllegalArgumentException if the directory does not exist, is not a directory, or holds
     *                                  no rule files
     * @throws UncheckedIOException     if a file cannot be read
     */
    public static RulePack fromDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.exists(directory)) {
            throw new IllegalArgumentException("rule directory " + directory.toAbsolutePath() + " does not exist");
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory.toAbsolutePath() + " is not a directory: point at the folder holding the .drl files");
        }
        Path name = directory.toAbsolutePath().normalize().getFileName();
        return read(directory, name == null ? "rules" : name.toString(), directory.toAbsolutePath().toString());
    }

    /**
     * Every rule file below a classpath folder, e.g. {@code "rules"} for the default pack. Works
     * for folders in directories and in jars.
     *
     * @throws IllegalArgumentException if the folder is not on the classpath or holds no rule files
     */
    public static RulePack fromClasspath(String resourceDir) {
        Objects.requireNonNull(resourceDir, "resourceDir");
        String folder = resourceDir.replaceAll("^/+|/+$", "");
        URL url = RulePacks.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalArgumentException("classpath folder '" + folder + "' not found");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                boolean opened = false;
                try {
                    jar = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                }
                try {
                    return read(jar.getPath(folder), folder, "classpath:" + folder);
                } finally {
                    if (opened) {
                        jar.close();
                    }
                }
            }
            return read(Path.of(uri), folder, "classpath:" + folder);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("classpath folder '" + folder + "' has an unusable URL " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath folder '" + folder + "'", e);
        }
    }

    /** The default pack shipped in this jar (device, account, network, phone, order, graph, campaign rules and a threshold table). */
    public static RulePack defaultPack() {
        RulePack pack = fromClasspath(DEFAULT_PACK_RESOURCE);
        return new RulePack("default", pack.files());
    }

    /** A pack from text files (UTF-8), path → content. */
    public static RulePack of(String name, Map<String, String> files) {
        return RulePack.ofText(name, files);
    }

    private static RulePack read(Path root, String name, String where) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(path) && isRuleFile(path)) {
                    String relative = root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
                    try (InputStream in = Files.newInputStream(path)) {
                        files.put(relative, in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule files under " + where, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no rule files (*.drl, *.csv, *.xlsx) under " + where);
        }
        return new RulePack(name, files);
    }

    private static boolean isRuleFile(Path path) {
        String file = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return file.endsWith(".drl") || file.endsWith(".csv") || file.endsWith(".xlsx");
    }
}
