package io.woolguard.rules.internal;

import io.woolguard.core.RuleError;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

/**
 * Expands a decision table (CSV or XLSX) into DRL, remembering which spreadsheet row each
 * generated rule came from so errors point at the row the analyst wrote.
 */
final class DecisionTables {
    /** SpreadsheetCompiler writes {@code // rule values at A12, header at A7} before each generated rule. */
    private static final Pattern ROW_MARKER = Pattern.compile("//\\s*rule values at [A-Z]+(\\d+)");
    private static final Pattern CELL = Pattern.compile("\\b(?:cell|row)\\s*[:=]?\\s*\\[?([A-Z]{0,3})(\\d+)", Pattern.CASE_INSENSITIVE);

    private DecisionTables() {
    }

    static boolean isTable(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".xlsx") || lower.endsWith(".xls");
    }

    /** The table as DRL, or throws {@link TableException} with the error located in the table. */
    static RuleSource toDrl(String file, byte[] content) {
        InputType type = file.toLowerCase(Locale.ROOT).endsWith(".csv") ? InputType.CSV : InputType.XLS;
        String drl;
        try {
            drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(content), type);
        } catch (RuntimeException | LinkageError e) {
            throw new TableException(new RuleError(file, rowOf(e), 0, "decision table does not compile: " + messageOf(e)));
        }
        if (drl == null || drl.isBlank()) {
            throw new TableException(new RuleError(file, 0, 0, "decision table has no RuleSet / RuleTable: nothing to compile"));
        }
        int[] rowByLine = rowByLine(drl);
        return new RuleSource(file, drl, line -> line < rowByLine.length ? rowByLine[line] : 0, true);
    }

    /** For each DRL line, the spreadsheet row of the rule it belongs to (0 before the first rule). */
    private static int[] rowByLine(String drl) {
        String[] lines = drl.split("\n", -1);
        int[] rows = new int[lines.length + 2];
        int row = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher marker = ROW_MARKER.matcher(lines[i]);
            if (marker.find()) {
                row = Integer.parseInt(marker.group(1));
            }
            rows[i + 1] = row;
        }
        return rows;
    }

    private static int rowOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                Matcher cell = CELL.matcher(t.getMessage());
                if (cell.find()) {
                    return Integer.parseInt(cell.group(2));
                }
            }
        }
        return 0;
    }

    private static String messageOf(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 3; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !parts.contains(t.getMessage())) {
                parts.add(t.getMessage());
            }
        }
        return parts.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", parts);
    }

    /** A table that could not be expanded. */
    static final class TableException extends RuntimeException {
        private final RuleError error;

        TableException(RuleError error) {
            super(error.toString(), null, false, false);
            this.error = error;
        }

        RuleError error() {
            return error;
        }
    }
}
