package io.woolguard.stream.io;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands the journal's single split to the first reader that registers; a split returned by a
 * failed reader goes to the next reader that registers.
 *
 * <p>The other readers are deliberately never told "no more splits": a finished source subtask
 * emits the final watermark, and once the reading subtask goes idle (the job's watermark idleness)
 * that final watermark alone would drive event time to the end of time and empty every window.
 * Readers without a split stay idle instead.
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
        assignUnassigned(subtaskId);
    }

    @Override
    public void addSplitsBack(List<JournalSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        assignUnassigned(subtaskId);
    }

    private void assignUnassigned(int subtaskId) {
        for (JournalSplit split : unassigned) {
            context.assignSplit(split, subtaskId);
        }
        unassigned.clear();
    }

    @Override
    public List<JournalSplit> snapshotState(long checkpointId) {
        return List.copyOf(unassigned);
    }

    @Override
    public void close() {
    }
}
