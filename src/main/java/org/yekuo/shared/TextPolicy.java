package org.yekuo.shared;

/**
 * The characters that text from outside may not carry, in any field, parameter or file name: control
 * characters other than tab and line breaks (NUL among them, which PostgreSQL cannot store), the
 * direction overrides and isolates that make text read differently from what it says (U+202A–U+202E,
 * U+2066–U+2069), lone surrogate halves and the non-characters U+FFFE and U+FFFF. The one rule for
 * the request filter, the JSON reader and uploaded file names.
 */
public final class TextPolicy {

    /** The message of every refusal; its field names where the text was. */
    public static final String REFUSED = "input.text.forbidden-character";

    private TextPolicy() {
    }

    /** Whether {@code text} (null counts as empty) carries none of the refused characters. */
    public static boolean acceptable(CharSequence text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c) || refused(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean refused(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0xFFFE || c == 0xFFFF;
    }
}
