package io.woolguard.stream.io.testing;

import io.woolguard.stream.embedded.EventJournal;
import io.woolguard.stream.embedded.JournalConfig;

import java.nio.file.Path;

/**
 * A separate JVM that appends claims to a journal forever and prints {@code <index> <offset>} for
 * each append as soon as it returns: the test kills it with SIGKILL and checks every printed
 * (acknowledged) append is in the journal.
 */
public final class JournalAppenderProcess {
    private JournalAppenderProcess() {
    }

    public static void main(String[] args) {
        EventJournal journal = EventJournal.open(Path.of(args[0]), JournalConfig.defaults().withSegmentBytes(256 * 1024));
        for (int i = 0; ; i++) {
            long offset = journal.append(IoFixtures.farmClaim(i));
            System.out.println(i + " " + offset);
            System.out.flush();
        }
    }
}
