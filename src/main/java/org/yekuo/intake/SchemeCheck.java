package org.yekuo.intake;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.yekuo.catalogue.Department;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An LV scheme's check against the LV review guideline (R-REV-2): the designer's answer to each item, with the
 * guideline version it was checked against. Before the scheme is designed it is the sheet to answer: the items
 * without verdicts.
 *
 * @param round         1 for the first design of the order, one more for each redesign; 0 for a sheet not yet answered
 * @param checkedByName the designer's display name
 */
public record SchemeCheck(long orderId, int round, String guidelineCode, int guidelineVersion, String checkedBy, String checkedByName,
        Instant checkedAt, List<Item> items) {

    public SchemeCheck {
        items = List.copyOf(items);
    }

    public boolean answered() {
        return round > 0;
    }

    /**
     * One check item with its clause and department; {@code verdict} and {@code note} are null on a sheet not yet
     * answered. {@code field} and {@code noteField} name the scheme form's fields that answer it.
     */
    public record Item(String clauseNo, String textZh, String textEn, Department department, CheckVerdict verdict, String note) {

        public String text(Locale locale) {
            return "zh".equals(locale.getLanguage()) ? textZh : textEn;
        }

        @JsonProperty("field")
        public String field() {
            return SchemeCheckPolicy.verdictField(clauseNo);
        }

        @JsonProperty("noteField")
        public String noteField() {
            return SchemeCheckPolicy.noteField(clauseNo);
        }
    }
}
