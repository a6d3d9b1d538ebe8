package io.woolguard.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A set of rule files as an analyst wrote them: DRL files ({@code *.drl}) and decision tables
 * ({@code *.csv}, {@code *.xlsx}), by relative path. Immutable; compiled by a
 * {@link io.woolguard.core.spi.RulePackCompiler}.
 *
 * @param name  a label for humans, e.g. {@code default} or the upload's file name
 * @param files relative path → content
 */
public record RulePack(String name, Map<String, byte[]> files) {
    /** Most files a pack may have. */
    public static final int MAX_FILES = 256;
    /** Most bytes a pack may have, all files together. */
    public static final long MAX_TOTAL_BYTES = 8L * 1024 * 1024;

    public RulePack {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(files, "files");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a rule pack needs at least one file");
        }
        if (files.size() > MAX_FILES) {
            throw new IllegalArgumentException("a rule pack may have at most " + MAX_FILES + " files, got " + files.size());
        }
        long total = 0;
        TreeMap<String, byte[]> copy = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String path = file.getKey();
            if (path == null || path.isBlank() || path.startsWith("/") || path.contains("..") || path.contains("\\")) {
                throw new IllegalArgumentException("rule file paths must be relative without '..', got '" + path + "'");
            }
            total += file.getValue().length;
            copy.put(path, file.getValue().clone());
        }
        if (total > MAX_TOTAL_BYTES) {
            throw new IllegalArgumentException("a rule pack may have at most " + MAX_TOTAL_BYTES + " bytes, got " + total);
        }
        files = Collections.unmodifiableMap(copy);
    }

    /** A pack of text files (UTF-8). */
    public static RulePack ofText(String name, Map<String, String> files) {
        TreeMap<String, byte[]> bytes = new TreeMap<>();
        files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return new RulePack(name, bytes);
    }

    /** SHA-256 over every path and content, hex; equal packs have equal hashes. */
    public String contentHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.getValue());
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RulePack other && name.equals(other.name) && contentHash().equals(other.contentHash());
    }

    @Override
    public int hashCode() {
        return contentHash().hashCode();
    }

    @Override
    public String toString() {
        return "RulePack[" + name + ", files=" + files.keySet() + "]";
    }
}
