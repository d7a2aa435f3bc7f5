package org.yekuo.integration.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery as the Standard Webhooks specification does, so receivers can use its libraries: the
 * {@code webhook-signature} header is {@code v1,} and the Base64 HMAC-SHA256 of {@code id.timestamp.body}
 * under the subscriber's key; the timestamp (Unix seconds, sent as {@code webhook-timestamp}) is signed
 * with the body, so a receiver refuses a replay older than its tolerance. Keys read {@code whsec_} and
 * Base64 of 32 random bytes.
 */
public final class WebhookSignature {

    static final String KEY_PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return KEY_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The header value for a message: {@code v1,<base64 signature>}. */
    public static String sign(String key, String id, long timestampSeconds, String body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, id + "." + timestampSeconds + "." + body));
    }

    /** What a receiver checks: one of the header's signatures matches, in constant time. */
    public static boolean verify(String key, String id, long timestampSeconds, String body, String header) {
        byte[] expected = hmac(key, id + "." + timestampSeconds + "." + body);
        for (String signature : header.split(" ")) {
            if (signature.startsWith("v1,")) {
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(signature.substring(3));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] hmac(String key, String content) {
        String encoded = key.startsWith(KEY_PREFIX) ? key.substring(KEY_PREFIX.length()) : key;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
