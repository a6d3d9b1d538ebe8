package io.woolguard.server;

/** JSON bodies for tests, in the CONTRACT §1 shape. */
public final class Events {
    private Events() {
    }

    /** A coupon claim from an account on a device and IP. */
    public static String claim(String eventId, String accountId, String accountCreatedAt, String deviceId,
                               boolean emulator, String ip, String campaign) {
        return """
                {"eventId":"%s","type":"COUPON_CLAIM",
                 "account":{"id":"%s","createdAt":"%s","phone":"%s"},
                 "device":{"id":"%s","platform":"ANDROID","emulator":%s,"rooted":false},
                 "network":{"ip":"%s"},
                 "coupon":{"campaignId":"%s","couponId":"cp-9","faceValue":20.00,"currency":"CNY"},
                 "attributes":{"channel":"app"}}
                """.formatted(eventId, accountId, accountCreatedAt, phoneOf(accountId), deviceId, emulator, ip, campaign);
    }

    /** A phone number of its own per account (raw: the server must hash it). */
    public static String phoneOf(String accountId) {
        return "+86139" + String.format("%08d", Math.floorMod(accountId.hashCode(), 100_000_000));
    }

    /** A long-standing customer on her own phone. */
    public static String legitClaim(String eventId, String accountId, String deviceId, String ip) {
        return claim(eventId, accountId, "2024-03-01T08:00:00Z", deviceId, false, ip, "double11");
    }
}
