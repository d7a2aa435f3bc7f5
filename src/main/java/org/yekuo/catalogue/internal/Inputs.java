package org.yekuo.catalogue.internal;

import java.util.Arrays;
import java.util.regex.Pattern;

import org.yekuo.shared.DomainException;

/** Reads raw edit input, so that a wrong value is refused naming its field rather than as an unreadable body. */
final class Inputs {

    static final int NOTE_MAX = 400;
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d{1,9}");

    private Inputs() {
    }

    static <E extends Enum<E>> E oneOf(Class<E> type, String field, String raw, String messageKey) {
        String text = raw == null ? "" : raw.trim();
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(text)).findFirst()
                .orElseThrow(() -> DomainException.invalid(field, messageKey, text));
    }

    /** A whole number, or null when the input is blank; anything else is refused with {@code notWholeKey}. */
    static Integer wholeNumber(String field, String raw, String notWholeKey) {
        String text = raw == null ? "" : raw.trim();
        if (text.isEmpty()) {
            return null;
        }
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw DomainException.invalid(field, notWholeKey, text);
        }
        return Integer.valueOf(text);
    }

    /** Free text of at most {@link #NOTE_MAX} characters; blank means none. */
    static String note(String field, String raw) {
        String text = raw == null ? "" : raw.trim();
        if (text.length() > NOTE_MAX) {
            throw DomainException.invalid(field, "catalogue.note.too-long", String.valueOf(NOTE_MAX));
        }
        return text.isEmpty() ? null : text;
    }
}
