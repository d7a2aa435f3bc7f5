package org.yekuo.shared;

/**
 * Masks personal data for display, exports and logs (SPEC R-X-3), always on the server. Each rule
 * keeps just enough to tell records apart; a value that does not have the expected shape is masked
 * more, never less, so a malformed number cannot leak.
 */
public final class Masking {

    private static final char MASK = '*';

    private Masking() {
    }

    /**
     * Resident ID number: region code (first 6) and the last 4 stay, the birth date is hidden:
     * {@code 110101********1234}. A 15-digit first-generation number keeps its last 3.
     */
    public static String idNumber(String value) {
        if (value == null) {
            return null;
        }
        String id = value.strip();
        return switch (id.length()) {
            case 18 -> keep(id, 6, 4);
            case 15 -> keep(id, 6, 3);
            default -> keepLast(id, 2);
        };
    }

    /** Mainland mobile number: operator prefix and the last 4 stay: {@code 138****5678}. */
    public static String mobile(String value) {
        if (value == null) {
            return null;
        }
        String phone = value.strip();
        return phone.length() >= 11 ? keep(phone, 3, 4) : keepLast(phone, 2);
    }

    /**
     * Chinese name: first and last character stay and the middle is masked (three characters become
     * {@code X*Z}, four {@code X**Z}); a two-character name keeps its surname ({@code X*}). Counts
     * characters, not UTF-16 units, so rare characters outside the basic plane are not split.
     */
    public static String chineseName(String value) {
        if (value == null) {
            return null;
        }
        int[] chars = value.strip().codePoints().toArray();
        if (chars.length <= 1) {
            return chars.length == 0 ? "" : String.valueOf(MASK);
        }
        StringBuilder masked = new StringBuilder().appendCodePoint(chars[0]);
        if (chars.length == 2) {
            return masked.append(MASK).toString();
        }
        masked.append(String.valueOf(MASK).repeat(chars.length - 2));
        return masked.appendCodePoint(chars[chars.length - 1]).toString();
    }

    /**
     * Unified social credit code (GB 32100, 18 characters): the first 2 (registration authority and
     * entity kind, e.g. 91 company, 92 individual business) and the last 4 stay; the region and the
     * organisation code, which with an individual business points at a person, are hidden:
     * {@code 91************123X}.
     */
    public static String creditCode(String value) {
        if (value == null) {
            return null;
        }
        String code = value.strip();
        return code.length() == 18 ? keep(code, 2, 4) : keepLast(code, 2);
    }

    private static final java.util.regex.Pattern IN_TEXT = java.util.regex.Pattern.compile(
            "(?<![0-9A-Za-z])(?:(\\d{17}[\\dXx]|\\d{15})|(1[3-9]\\d{9})|([0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}))(?![0-9A-Za-z])");

    /**
     * Free text (a log line) with every resident ID number, mobile number and credit code in it masked by the
     * rules above: the last guard for a line that put one in by mistake.
     */
    public static String inText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        java.util.regex.Matcher matcher = IN_TEXT.matcher(text);
        StringBuilder masked = new StringBuilder(text.length());
        while (matcher.find()) {
            String replacement = matcher.group(1) != null ? idNumber(matcher.group(1))
                    : matcher.group(2) != null ? mobile(matcher.group(2)) : creditCode(matcher.group(3));
            matcher.appendReplacement(masked, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(masked).toString();
    }

    private static String keep(String value, int first, int last) {
        return value.substring(0, first) + String.valueOf(MASK).repeat(value.length() - first - last)
                + value.substring(value.length() - last);
    }

    /** The fallback for unexpected shapes: at most {@code last} characters, and never more than a third. */
    private static String keepLast(String value, int last) {
        int kept = Math.min(last, value.length() / 3);
        return String.valueOf(MASK).repeat(value.length() - kept) + value.substring(value.length() - kept);
    }
}
