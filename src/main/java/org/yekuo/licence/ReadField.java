package org.yekuo.licence;

/**
 * A field as read off a paper: its value (empty when nothing was found), how sure the reading is (0 to 1) and,
 * when a check disproves the value (a credit code's check character, an ID number's check digit, a birth date
 * that differs from the one in the ID number), the message key of that problem.
 */
public record ReadField(String name, String value, double confidence, String problem) {

    public static ReadField missing(String name) {
        return new ReadField(name, "", 0, null);
    }

    public boolean found() {
        return !value.isEmpty();
    }

    /** Whether a person should look at it before it is trusted: unread, disproved or read with too little confidence. */
    public boolean doubtful(double floor) {
        return !found() || problem != null || confidence < floor;
    }

    public ReadField withProblem(String problemKey) {
        return new ReadField(name, value, Math.min(confidence, 0.3), problemKey);
    }

    public ReadField proven() {
        return new ReadField(name, value, Math.max(confidence, 0.95), null);
    }

    public String labelKey() {
        return "licence.ocr.field." + name;
    }
}
