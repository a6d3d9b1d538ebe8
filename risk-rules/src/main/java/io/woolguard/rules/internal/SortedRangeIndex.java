package io.woolguard.rules.internal;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.drools.base.base.ValueType;
import org.drools.base.rule.IndexableConstraint;
import org.drools.base.rule.accessor.ReadAccessor;
import org.drools.base.util.index.ConstraintTypeOperator;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.CompositeObjectSinkAdapter;
import org.drools.core.reteoo.ObjectSink;
import org.drools.core.reteoo.ObjectSinkPropagator;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.core.util.index.AlphaRangeIndex;
import org.kie.api.KieBase;

/**
 * Drools' alpha range index for a {@code double} property, as sorted arrays. Drools range-indexes the
 * threshold constraints ({@code <}, {@code <=}, {@code >}, {@code >=} a literal) that many rules put on
 * one property of a fact: instead of evaluating every constraint, an inserted fact is looked up in the
 * index, which returns the constraints it passes. Drools 10 backs that index with a {@code TreeMap} and
 * answers each lookup with a {@code subMap(...).values()} view: per indexed property and inserted fact it
 * boxes the value, allocates two keys, the sub-map, its views and an iterator, and walks the tree twice.
 * In a pack of hundreds of threshold rules over a few dozen features that is most of an evaluation.
 *
 * <p>This index holds the same alpha nodes in the tree's order in an array, with their thresholds in a
 * {@code double[]}: a lookup reads the value unboxed, finds the passing constraints by binary search
 * (they are always one contiguous run of that order) and returns the run as a list view, or the shared
 * empty list when none passes, as most lookups end. It answers what the constraints themselves say
 * ({@code value >= threshold} and so on, in {@code double} arithmetic): the tree's answer, element for
 * element and in order, except for a NaN value, which passes no threshold here (the tree, comparing as
 * {@link Double#compare} does, sorts NaN above every threshold and so let it pass every {@code >} and
 * {@code >=}; Drools' one-by-one evaluation, below its indexing threshold, answers otherwise again: it
 * let NaN pass a {@code <} in {@code SortedRangeIndexTest}), and {@code -0.0}, which equals {@code 0.0}
 * here as in the comparison.
 *
 * <p>{@link #install} swaps it in for every range index on a {@code double} property of a knowledge base
 * that no session uses yet. The Drools index is kept underneath, so that {@code add}, {@code remove} and
 * {@code getAllValues} behave as before (the arrays are rebuilt from it after a change; a compiled pack's
 * network never changes). Immutable between changes, and safe for concurrent lookups.
 */
final class SortedRangeIndex extends AlphaRangeIndex {
    private static final long serialVersionUID = 1L;

    /** The nodes in the tree's order: {@code <} and {@code <=} by threshold, then {@code >=} and {@code >}. */
    private transient AlphaNode[] nodes;
    /** Each node's threshold. */
    private transient double[] keys;
    /** How many of {@link #nodes} are {@code <} / {@code <=} constraints (they come first). */
    private transient int descending;
    /** For each node, whether a value equal to its threshold passes ({@code <=}, {@code >=}). */
    private transient boolean[] inclusive;
    private final transient ReadAccessor reader;

    SortedRangeIndex(AlphaRangeIndex drools) {
        super(drools.getFieldIndex());
        this.reader = drools.getFieldIndex().getFieldExtractor();
        for (AlphaNode node : drools.getAllValues()) {
            super.add(node);
        }
        rebuild();
    }

    /**
     * Replaces every range index on a {@code double} property in {@code kieBase}'s alpha network by a
     * {@code SortedRangeIndex}. Call it before the first session is created.
     *
     * @return how many indexes were replaced
     */
    static int install(KieBase kieBase) {
        int replaced = 0;
        for (ObjectTypeNode node : ((InternalRuleBase) kieBase).getRete().getObjectTypeNodes()) {
            replaced += install(node.getObjectSinkPropagator());
        }
        return replaced;
    }

    private static int install(ObjectSinkPropagator propagator) {
        int replaced = 0;
        if (propagator instanceof CompositeObjectSinkAdapter composite && composite.getRangeIndexMap() != null) {
            for (Map.Entry<CompositeObjectSinkAdapter.FieldIndex, AlphaRangeIndex> entry : composite.getRangeIndexMap().entrySet()) {
                AlphaRangeIndex index = entry.getValue();
                if (!(index instanceof SortedRangeIndex) && replaceable(index)) {
                    entry.setValue(new SortedRangeIndex(index));
                    replaced++;
                }
            }
        }
        for (ObjectSink sink : propagator.getSinks()) {
            if (sink instanceof AlphaNode alpha) {
                replaced += install(alpha.getObjectSinkPropagator());
            }
        }
        return replaced;
    }

    /**
     * Whether {@code index} is on a property read as a primitive {@code double} (never null) with
     * threshold constraints only, none of them NaN or {@code -0.0}.
     */
    private static boolean replaceable(AlphaRangeIndex index) {
        ReadAccessor reader = index.getFieldIndex() == null ? null : index.getFieldIndex().getFieldExtractor();
        if (reader == null || reader.getExtractToClass() != double.class
                || reader.getValueType() != ValueType.PDOUBLE_TYPE && reader.getValueType() != ValueType.DOUBLE_TYPE) {
            return false; // Drools keys such an index by Double (Comparable) values: read unboxed here
        }
        for (AlphaNode node : index.getAllValues()) {
            if (!(node.getConstraint() instanceof IndexableConstraint constraint) || constraint.getField() == null
                    || direction(constraint.getConstraintType()) < 0) {
                return false;
            }
            double threshold = constraint.getField().getDoubleValue();
            if (threshold != threshold || threshold == 0 && 1 / threshold < 0) {
                return false; // NaN or -0.0: the tree orders them apart from what the comparison says
            }
        }
        return true;
    }

    /** 0 for {@code <} and {@code <=}, 1 for {@code >=} and {@code >} (the tree's first ordering), -1 otherwise. */
    private static int direction(ConstraintTypeOperator type) {
        return switch (type) {
            case LESS_THAN, LESS_OR_EQUAL -> 0;
            case GREATER_OR_EQUAL, GREATER_THAN -> 1;
            default -> -1;
        };
    }

    /** Reads the nodes back from the tree underneath, in its order. */
    private void rebuild() {
        List<AlphaNode> all = new ArrayList<>(super.getAllValues());
        AlphaNode[] sorted = all.toArray(new AlphaNode[0]);
        double[] thresholds = new double[sorted.length];
        boolean[] equalPasses = new boolean[sorted.length];
        int down = 0;
        for (int i = 0; i < sorted.length; i++) {
            IndexableConstraint constraint = (IndexableConstraint) sorted[i].getConstraint();
            ConstraintTypeOperator type = constraint.getConstraintType();
            thresholds[i] = constraint.getField().getDoubleValue();
            equalPasses[i] = type == ConstraintTypeOperator.LESS_OR_EQUAL || type == ConstraintTypeOperator.GREATER_OR_EQUAL;
            if (direction(type) == 0) {
                if (down != i) {
                    throw new IllegalStateException("range index out of the expected order at " + sorted[i]);
                }
                down++;
            }
        }
        this.nodes = sorted;
        this.keys = thresholds;
        this.inclusive = equalPasses;
        this.descending = down;
    }

    @Override
    public Collection<AlphaNode> getMatchingAlphaNodes(Object object) {
        double value = reader.getDecimalValue(null, object);
        if (value != value) {
            return Collections.emptyList(); // NaN passes no threshold (Drools' tree sorts it above all)
        }
        int from = firstPassingDescending(value);
        int to = descending + passingAscending(value);
        return from == to ? Collections.emptyList() : new Run(nodes, from, to);
    }

    /**
     * The first of the {@code <} / {@code <=} nodes that {@code value} passes: those sort by threshold, a
     * {@code <} before a {@code <=} of the same threshold, and pass from the first whose threshold is above
     * the value (or equal, for {@code <=}) on.
     */
    private int firstPassingDescending(double value) {
        int low = 0;
        int high = descending;
        while (low < high) {
            int mid = (low + high) >>> 1;
            double key = keys[mid];
            if (key > value || key == value && inclusive[mid]) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /**
     * How many of the {@code >=} / {@code >} nodes {@code value} passes: those sort by threshold, a
     * {@code >=} before a {@code >} of the same threshold, and pass up to the last whose threshold is below
     * the value (or equal, for {@code >=}).
     */
    private int passingAscending(double value) {
        int low = descending;
        int high = nodes.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            double key = keys[mid];
            if (key < value || key == value && inclusive[mid]) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low - descending;
    }

    @Override
    public void add(AlphaNode alphaNode) {
        super.add(alphaNode);
        rebuild();
    }

    @Override
    public void remove(AlphaNode alphaNode) {
        super.remove(alphaNode);
        rebuild();
    }

    @Override
    public void clear() {
        super.clear();
        rebuild();
    }

    /** Nodes {@code from} (inclusive) to {@code to} (exclusive) of the array, read-only. */
    private static final class Run extends AbstractList<AlphaNode> implements RandomAccess {
        private final AlphaNode[] nodes;
        private final int from;
        private final int size;

        Run(AlphaNode[] nodes, int from, int to) {
            this.nodes = nodes;
            this.from = from;
            this.size = to - from;
        }

        @Override
        public AlphaNode get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return nodes[from + index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
