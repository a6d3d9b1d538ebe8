package io.woolguard.stream;

import java.util.Collection;
import org.apache.flink.state.rocksdb.RocksDBOptionsFactory;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

/**
 * RocksDB settings for the feature job's state that Flink's configuration keys do not reach: level-0
 * compactions four times rarer.
 *
 * <p>Every incremental checkpoint flushes each state's memtable into a new, small level-0 file, so
 * with a checkpoint every second or two (embedded mode) a state gains a level-0 file that often,
 * whatever the event rate. The entity keys are spread over the whole key space, so each level-0
 * compaction rewrites the whole of the level below; at RocksDB's default trigger of 4 files and 1 s
 * checkpoints that happened every 4 s per state, and at 1,000 events/s compactions took 231 µs of
 * CPU per event (EmbeddedFreshnessBenchmark, see docs/PERFORMANCE.md). At 16 files: 85 µs, with
 * throughput unchanged at 51–54k events/s. Reads pay a bloom-filter probe per extra level-0 file.
 * The write slow-down and stop thresholds move up with the trigger, so that the extra files do not
 * throttle the job.
 */
public final class FeatureStateRocksDbOptions implements RocksDBOptionsFactory {
    private static final long serialVersionUID = 1L;

    /** Level-0 files that start a compaction (RocksDB's default: 4). */
    public static final int LEVEL0_COMPACTION_TRIGGER = 16;
    /** Level-0 files at which RocksDB slows writes down (default 20). */
    public static final int LEVEL0_SLOWDOWN_TRIGGER = 2 * LEVEL0_COMPACTION_TRIGGER;
    /** Level-0 files at which RocksDB stops writes until compaction catches up (default 36). */
    public static final int LEVEL0_STOP_TRIGGER = 3 * LEVEL0_COMPACTION_TRIGGER;

    @Override
    public DBOptions createDBOptions(DBOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
        return currentOptions;
    }

    @Override
    public ColumnFamilyOptions createColumnOptions(ColumnFamilyOptions currentOptions,
                                                   Collection<AutoCloseable> handlesToClose) {
        return currentOptions
                .setLevel0FileNumCompactionTrigger(LEVEL0_COMPACTION_TRIGGER)
                .setLevel0SlowdownWritesTrigger(LEVEL0_SLOWDOWN_TRIGGER)
                .setLevel0StopWritesTrigger(LEVEL0_STOP_TRIGGER);
    }
}
