package io.woolguard.stream.io;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands the journal's single split to the first reader that registers and tells every other
 * reader there is nothing for it (those subtasks finish, which lets watermarks pass). A split
 * returned by a failed reader goes to the next reader that registers.
 */
final class JournalSplitEnumerator implements SplitEnumerator<JournalSplit, List<JournalSplit>> {
    private final SplitEnumeratorContext<JournalSplit> context;
    private final List<JournalSplit> unassigned;

    JournalSplitEnumerator(SplitEnumeratorContext<JournalSplit> context, List<JournalSplit> unassigned) {
        this.context = context;
        this.unassigned = new ArrayList<>(unassigned);
    }

    @Override
    public void start() {
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        assignOrRelease(subtaskId);
    }

    @Override
    public void addSplitsBack(List<JournalSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        assignOrRelease(subtaskId);
    }

    private void assignOrRelease(int subtaskId) {
        if (!unassigned.isEmpty()) {
            for (JournalSplit split : unassigned) {
                context.assignSplit(split, subtaskId);
            }
            unassigned.clear();
        } else {
            context.signalNoMoreSplits(subtaskId);
        }
    }

    @Override
    public List<JournalSplit> snapshotState(long checkpointId) {
        return List.copyOf(unassigned);
    }

    @Override
    public void close() {
    }
}
