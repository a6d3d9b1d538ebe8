package io.woolguard.rules.internal;

import org.kie.api.definition.rule.Rule;

/** Reads a rule's stable id from its {@code @id} metadata. */
final class RuleIds {
    private RuleIds() {
    }

    static String of(Rule rule) {
        Object id = rule.getMetaData().get("id");
        return id == null ? rule.getName() : unquote(id.toString());
    }

    static String unquote(String value) {
        String text = value.strip();
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"") || text.startsWith("'") && text.endsWith("'"))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
