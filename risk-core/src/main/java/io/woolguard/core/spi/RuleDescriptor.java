package io.woolguard.core.spi;

/**
 * One rule of a pack.
 *
 * @param id   the stable rule id (e.g. {@code device-farm})
 * @param name the human name
 * @param file the file it is in
 */
public record RuleDescriptor(String id, String name, String file) {
}
