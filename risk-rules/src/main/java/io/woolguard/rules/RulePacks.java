package io.woolguard.rules;

import io.woolguard.core.RulePack;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
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
        return fromClasspath(RulePacks.class.getClassLoader(), resourceDir);
    }

    /** As {@link #fromClasspath(String)}, from {@code loader}'s classpath. */
    static RulePack fromClasspath(ClassLoader loader, String resourceDir) {
        Objects.requireNonNull(resourceDir, "resourceDir");
        String folder = resourceDir.replaceAll("^/+|/+$", "");
        URL url = loader.getResource(folder);
        if (url == null) {
            throw new IllegalArgumentException("classpath folder '" + folder + "' not found");
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                return readJar(url, folder);
            }
            return read(Path.of(url.toURI()), folder, "classpath:" + folder);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("classpath folder '" + folder + "' has an unusable URL " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath folder '" + folder + "'", e);
        }
    }

    /**
     * The rule files under {@code folder} of the jar {@code url} points into. Read through a
     * {@link JarFile}, which shares the directory the class loader already parsed for the same file;
     * a zip file system parsed the whole directory again (~60,000 entries in the server's jar, 130 ms
     * of CPU on every start, twice).
     */
    private static RulePack readJar(URL url, String folder) throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false); // our own JarFile to close, not the one shared by every cached connection
        String prefix = folder + "/";
        Map<String, byte[]> files = new TreeMap<>();
        try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(prefix) && isRuleFile(name)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.put(name.substring(prefix.length()), in.readAllBytes());
                    }
                }
            }
        }
        return pack(folder, files, "classpath:" + folder);
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
                if (Files.isRegularFile(path) && isRuleFile(path.getFileName().toString())) {
                    String relative = root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
                    try (InputStream in = Files.newInputStream(path)) {
                        files.put(relative, in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule files under " + where, e);
        }
        return pack(name, files, where);
    }

    private static RulePack pack(String name, Map<String, byte[]> files, String where) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no rule files (*.drl, *.csv, *.xlsx) under " + where);
        }
        return new RulePack(name, files);
    }

    private static boolean isRuleFile(String fileName) {
        String file = fileName.toLowerCase(Locale.ROOT);
        return file.endsWith(".drl") || file.endsWith(".csv") || file.endsWith(".xlsx");
    }
}
