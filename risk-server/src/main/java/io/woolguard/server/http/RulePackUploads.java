package io.woolguard.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import io.micronaut.http.server.multipart.MultipartBody;
import io.woolguard.core.FieldError;
import io.woolguard.core.InvalidEventException;
import io.woolguard.core.RulePack;
import io.woolguard.core.json.WoolguardJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Turns an upload into a {@link RulePack}: either a JSON body
 * {@code {"name": "...", "files": {"device/farm.drl": "rule text", "thresholds.xlsx": "<base64>"}}}
 * (binary decision tables base64-encoded) or a multipart form whose file parts are the pack's files
 * (the part's file name is its path) and whose optional {@code name} field names it. Stateless.
 */
final class RulePackUploads {
    private static final long MULTIPART_TIMEOUT_SECONDS = 60;

    private RulePackUploads() {
    }

    /** Reads the JSON form, or throws {@link InvalidEventException} naming each bad field. */
    static RulePack fromJson(byte[] body) {
        JsonNode node = WoolguardJson.parse(body);
        if (!node.isObject()) {
            throw new InvalidEventException("body", "must be a JSON object {\"name\": ..., \"files\": {path: content}}");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = "upload";
        JsonNode nameNode = node.get("name");
        if (nameNode != null && !nameNode.isNull()) {
            if (!nameNode.isTextual() || nameNode.textValue().isBlank() || nameNode.textValue().length() > 128) {
                errors.add(new FieldError("name", "must be a non-blank string of at most 128 characters"));
            } else {
                name = nameNode.textValue();
            }
        }
        JsonNode filesNode = node.get("files");
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (filesNode == null || !filesNode.isObject() || filesNode.isEmpty()) {
            errors.add(new FieldError("files", "must be a non-empty object of file path to content"));
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = filesNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> file = it.next();
                String field = "files." + file.getKey();
                if (!file.getValue().isTextual()) {
                    errors.add(new FieldError(field, "must be a string (text, or base64 for .xlsx/.xls)"));
                    continue;
                }
                String content = file.getValue().textValue();
                if (isBinary(file.getKey())) {
                    try {
                        files.put(file.getKey(), Base64.getMimeDecoder().decode(content));
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError(field, "must be base64 for a binary decision table: " + e.getMessage()));
                    }
                } else {
                    files.put(file.getKey(), content.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors);
        }
        return pack(name, files);
    }

    /** Collects the multipart form (blocking the caller until the whole form has arrived). */
    static RulePack fromMultipart(MultipartBody body) {
        CompletableFuture<List<CompletedPart>> done = new CompletableFuture<>();
        List<CompletedPart> parts = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        body.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(CompletedPart part) {
                try {
                    contents.add(part.getBytes());
                    parts.add(part);
                } catch (java.io.IOException | RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(parts);
            }
        });
        try {
            done.get(MULTIPART_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while receiving a rule pack upload", e);
        } catch (ExecutionException e) {
            throw new InvalidEventException("body", "could not read the multipart form: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new InvalidEventException("body", "the multipart form did not arrive within "
                    + MULTIPART_TIMEOUT_SECONDS + " s");
        }
        String name = "upload";
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            CompletedPart part = parts.get(i);
            if (part instanceof CompletedFileUpload file && file.getFilename() != null && !file.getFilename().isBlank()) {
                files.put(file.getFilename(), contents.get(i));
            } else if ("name".equals(part.getName())) {
                name = new String(contents.get(i), StandardCharsets.UTF_8).strip();
            }
        }
        if (files.isEmpty()) {
            throw new InvalidEventException("files", "the form has no file parts; send -F 'files=@rules/device.drl'");
        }
        return pack(name.isEmpty() ? "upload" : name, files);
    }

    private static RulePack pack(String name, Map<String, byte[]> files) {
        try {
            return new RulePack(name, files);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("files", e.getMessage());
        }
    }

    private static boolean isBinary(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".xlsx") || lower.endsWith(".xls");
    }
}
