package org.yekuo.notification.internal;

import java.util.regex.Pattern;

/**
 * What a sent message carries that proves something to its reader: the verification code, and the token in a progress or
 * rating link. Whoever reads the inbox sees them masked, so no member of staff can apply, rate or follow an order as the
 * customer.
 */
final class SmsSecrets {

    private static final Pattern CODE = Pattern.compile("(?<![\\d-])\\d{6}(?!\\d)");
    /** The token of a link under {@code /s/} (progress) or {@code /e/} (rating); its first 4 characters stay to tell links apart. */
    private static final Pattern LINK_TOKEN = Pattern.compile("(/[se]/[A-Za-z0-9_-]{4})[A-Za-z0-9_-]+");

    private SmsSecrets() {
    }

    static String masked(String templateCode, String text) {
        if (text == null) {
            return null;
        }
        String masked = LINK_TOKEN.matcher(text).replaceAll("$1****");
        return templateCode != null && templateCode.startsWith("verification-") ? CODE.matcher(masked).replaceAll("******") : masked;
    }
}
