package org.yekuo.catalogue.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.GuidelineItem;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.shared.DomainException;

/**
 * How a review guideline's items may change (R-REV-2): each item has a Chinese and an English text of at
 * most {@value #TEXT_MAX} characters and one reviewing department. A clause number is the guideline's
 * code, a hyphen and a whole number (HV-24); it names one item for ever, so a number that any version
 * ever used is never given to a new item, since opinions on old schemes cite it. A guideline keeps at
 * least one item.
 */
final class GuidelinePolicy {

    static final int TEXT_MAX = 200;

    private GuidelinePolicy() {
    }

    static GuidelineItem onGuideline(ReviewGuideline guideline, String clauseNo) {
        return guideline.item(clauseNo).orElseThrow(() ->
                DomainException.invalid("clauseNo", "catalogue.guideline.clause-not-in-guideline", clauseNo,
                        guideline.code(), String.valueOf(guideline.version())));
    }

    /** The item with new texts and department; an edit that changes none of them is refused. */
    static GuidelineItem changed(GuidelineItem before, String textZh, String textEn, String department) {
        GuidelineItem after = new GuidelineItem(before.clauseNo(), text("textZh", textZh), text("textEn", textEn),
                department(department));
        if (after.equals(before)) {
            throw DomainException.invalid("textZh", "catalogue.guideline.unchanged", before.clauseNo());
        }
        return after;
    }

    /** A new item under a clause number that no version of the guideline has used. */
    static GuidelineItem added(ReviewGuideline guideline, Set<String> everUsed, String clauseNo, String textZh,
            String textEn, String department) {
        String clause = clauseNo == null ? "" : clauseNo.trim();
        Pattern numbered = numbered(guideline.code());
        String next = guideline.code() + "-" + nextNumber(numbered, everUsed);
        if (clause.isEmpty()) {
            throw DomainException.invalid("clauseNo", "catalogue.guideline.clause-required", next);
        }
        if (!numbered.matcher(clause).matches()) {
            throw DomainException.invalid("clauseNo", "catalogue.guideline.clause-format", clause, guideline.code(), next);
        }
        if (guideline.item(clause).isPresent()) {
            throw DomainException.invalid("clauseNo", "catalogue.guideline.clause-duplicate", clause, next);
        }
        if (everUsed.contains(clause)) {
            throw DomainException.invalid("clauseNo", "catalogue.guideline.clause-retired", clause, next);
        }
        return new GuidelineItem(clause, text("textZh", textZh), text("textEn", textEn), department(department));
    }

    static List<GuidelineItem> retire(ReviewGuideline guideline, String clauseNo) {
        GuidelineItem retired = onGuideline(guideline, clauseNo);
        List<GuidelineItem> items = new ArrayList<>(guideline.items());
        items.remove(retired);
        if (items.isEmpty()) {
            throw DomainException.invalid("clauseNo", "catalogue.guideline.last-item", clauseNo);
        }
        return items;
    }

    private static String text(String field, String raw) {
        String text = raw == null ? "" : raw.trim();
        if (text.isEmpty()) {
            throw DomainException.invalid(field, "catalogue.guideline.text-required", String.valueOf(TEXT_MAX));
        }
        if (text.length() > TEXT_MAX) {
            throw DomainException.invalid(field, "catalogue.guideline.text-too-long", String.valueOf(text.length()),
                    String.valueOf(TEXT_MAX));
        }
        return text;
    }

    private static Department department(String raw) {
        return Inputs.oneOf(Department.class, "department", raw, "catalogue.guideline.department-unknown");
    }

    /** The guideline's clause numbers: its code, a hyphen and a whole number from 1 to 9999. */
    private static Pattern numbered(String code) {
        return Pattern.compile(Pattern.quote(code) + "-([1-9]\\d{0,3})");
    }

    /** One more than the highest number the guideline ever used: the number a new item should take. */
    private static int nextNumber(Pattern numbered, Set<String> everUsed) {
        int highest = 0;
        for (String clause : everUsed) {
            Matcher m = numbered.matcher(clause);
            if (m.matches()) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            }
        }
        return highest + 1;
    }
}
