package io.woolguard.stream.features;

import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Runs a {@link KeyedProcessFunction} with write-back caches ({@link WriteBackCache}): the function
 * writes a cached value to keyed state when it leaves the cache, and this operator has it write
 * every other one before each checkpoint barrier ({@link #prepareSnapshotPreBarrier}) and when input
 * ends, so every snapshot holds exactly what a run without the caches would hold. A value written
 * again and again (a hot entity, a union-find root) then costs one state write per checkpoint
 * interval instead of one per input. Timers, side outputs and state names are those of the
 * {@link KeyedProcessOperator} it extends, so savepoints taken with {@code process(...)} restore.
 */
public final class WriteBackProcessOperator<K, IN, OUT> extends KeyedProcessOperator<K, IN, OUT> {
    private static final long serialVersionUID = 1L;

    public <F extends KeyedProcessFunction<K, IN, OUT> & WriteBackCache> WriteBackProcessOperator(F function) {
        super(function);
    }

    private WriteBackCache cache() {
        return (WriteBackCache) userFunction;
    }

    @Override
    public void open() throws Exception {
        cache().writeBackThrough(this);
        super.open();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        cache().flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        cache().flush();
        super.finish();
    }
}
