package io.woolguard.core.internal.engine;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The personal-data key kept in {@code <dataDir>/pii.key}: 32 random bytes generated once, readable
 * by the owner only. The key itself is never logged.
 */
final class PersonalDataKeyFile {
    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataKeyFile.class);
    static final String FILE_NAME = "pii.key";
    private static final int KEY_BYTES = 32;
    private static final int MIN_KEY_BYTES = 16;

    private PersonalDataKeyFile() {
    }

    /** Reads the key, generating it first if the file does not exist. */
    static byte[] loadOrCreate(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(key);
                try {
                    write(file, key);
                    LOG.info("generated a new personal-data key in {} (owner-only); keep it with the data:"
                            + " without it stored hashes can no longer be linked to new events", file.toAbsolutePath());
                    return key;
                } catch (FileAlreadyExistsException raced) {
                    // another start won the race: use its key
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length < MIN_KEY_BYTES) {
                throw new IllegalStateException("the personal-data key " + file.toAbsolutePath() + " has " + key.length
                        + " bytes, fewer than " + MIN_KEY_BYTES + "; restore the original file or pass personalDataKey(...)");
            }
            LOG.info("using the personal-data key in {}", file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the personal-data key " + file.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, byte[] key) throws IOException {
        Set<PosixFilePermission> ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
        } else {
            Files.createFile(file);
        }
        Files.write(file, key, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }
}
