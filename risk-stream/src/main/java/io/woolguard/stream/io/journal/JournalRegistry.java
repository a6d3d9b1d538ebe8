package io.woolguard.stream.io.journal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live journals of this JVM, keyed by their directory.
 *
 * <p>Why a static registry: Flink serializes a source and instantiates its reader inside a task,
 * so the reader cannot be handed the journal object. In embedded mode the task runs in the same JVM
 * as the journal, and finds it here to wait for appends (instead of polling), to report how far it
 * read (the pipeline's lag) and to release segments once a checkpoint covering them completes.
 * Without a registered journal the reader still works, from the files alone.
 */
public final class JournalRegistry {
    private static final ConcurrentHashMap<Path, JournalHandle> JOURNALS = new ConcurrentHashMap<>();

    private JournalRegistry() {
    }

    /** Registers a live journal; a second live journal on the same directory is refused. */
    public static void register(Path directory, JournalHandle handle) {
        JournalHandle previous = JOURNALS.putIfAbsent(key(directory), handle);
        if (previous != null && previous != handle) {
            throw new IllegalStateException("a journal is already open on " + directory
                    + " in this JVM; close it before opening another");
        }
    }

    /** Removes the journal registered for the directory, if it is this one. */
    public static void unregister(Path directory, JournalHandle handle) {
        JOURNALS.remove(key(directory), handle);
    }

    /** The live journal on this directory, if any. */
    public static Optional<JournalHandle> find(Path directory) {
        return Optional.ofNullable(JOURNALS.get(key(directory)));
    }

    private static Path key(Path directory) {
        return directory.toAbsolutePath().normalize();
    }
}
