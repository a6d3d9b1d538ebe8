package io.woolguard.core;

import java.time.Instant;
import java.util.List;

/**
 * A stored ruleset version.
 *
 * @param version    {@code <upload time RFC 3339>-<first 6 hex of the content hash>}
 * @param name       the pack's name
 * @param state      active, shadow or inactive
 * @param uploadedAt when it was uploaded
 * @param uploadedBy who uploaded it
 * @param ruleIds    the ids of its rules
 * @param files      its file paths
 */
public record RulesetInfo(String version, String name, RulesetState state, Instant uploadedAt, String uploadedBy,
                          List<String> ruleIds, List<String> files) {
    public RulesetInfo {
        ruleIds = List.copyOf(ruleIds);
        files = List.copyOf(files);
    }
}
