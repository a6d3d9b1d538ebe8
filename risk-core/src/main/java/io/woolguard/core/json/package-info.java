/**
 * The JSON form of Woolguard's values (CONTRACT §1–2), shared by the HTTP service, the event journal,
 * Kafka topics and the stores, so that the same event means the same thing everywhere.
 * Reading names every offending field; writing never emits raw personal data.
 */
package io.woolguard.core.json;
