package org.yekuo.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.yekuo.catalogue.GuidelineItem;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * The designer's own check of an LV scheme against the LV guideline's items (R-REV-2), read from the scheme form:
 * {@code check.<clause>} holds the verdict and {@code check.<clause>.note} what is wrong or why the item does not
 * apply. Every item must be answered; one that does not apply or fails says why. A failed item keeps the scheme
 * from passing: there is no department review after an LV design to catch it, so the designer revises the scheme
 * until the item passes, the way a department's RETURN sends an HV scheme back.
 */
final class SchemeCheckPolicy {

    static final String PREFIX = "check.";
    static final String NOTE = ".note";
    static final int MIN_NOTE = 4;
    static final int MAX_NOTE = 500;

    private SchemeCheckPolicy() {
    }

    /** One item's answer, in the guideline's order. */
    record Answer(int position, String clauseNo, CheckVerdict verdict, String note) {
    }

    static String verdictField(String clauseNo) {
        return PREFIX + clauseNo;
    }

    static String noteField(String clauseNo) {
        return PREFIX + clauseNo + NOTE;
    }

    /** Reads an answer for every item of {@code guideline}; what is missing or wrong goes to {@code problems}. */
    static List<Answer> check(ReviewGuideline guideline, Map<String, String> fields, List<FieldProblem> problems) {
        List<Answer> answers = new ArrayList<>();
        int position = 0;
        for (GuidelineItem item : guideline.items()) {
            position++;
            String field = verdictField(item.clauseNo());
            String raw = Optional.ofNullable(fields.get(field)).map(String::strip).orElse("");
            String note = Optional.ofNullable(fields.get(noteField(item.clauseNo()))).map(String::strip).filter(n -> !n.isEmpty())
                    .orElse(null);
            Optional<CheckVerdict> verdict = parse(raw);
            if (verdict.isEmpty()) {
                problems.add(raw.isEmpty()
                        ? new FieldProblem(field, "intake.scheme-check.unanswered", item.clauseNo(), item.textZh(), item.textEn())
                        : new FieldProblem(field, "intake.scheme-check.verdict-invalid", raw, "PASSED, FAILED, NOT_APPLICABLE"));
                continue;
            }
            if (note != null && note.length() > MAX_NOTE) {
                problems.add(new FieldProblem(noteField(item.clauseNo()), "intake.node-field.too-long", MAX_NOTE));
            } else if (verdict.get() != CheckVerdict.PASSED && (note == null || note.codePointCount(0, note.length()) < MIN_NOTE)) {
                problems.add(new FieldProblem(noteField(item.clauseNo()), "intake.scheme-check.note-required",
                        new DefaultMessageSourceResolvable(verdict.get().messageKey()), item.clauseNo(), MIN_NOTE));
            } else if (verdict.get() == CheckVerdict.FAILED) {
                problems.add(new FieldProblem(field, "intake.scheme-check.failed", item.clauseNo(), item.textZh(), item.textEn()));
            }
            answers.add(new Answer(position, item.clauseNo(), verdict.get(), note));
        }
        return answers;
    }

    /** Whether every problem is the check's, so that the refusal speaks of the check rather than of the form. */
    static boolean onlyCheck(List<FieldProblem> problems) {
        return problems.stream().allMatch(p -> p.field().startsWith(PREFIX));
    }

    static DomainException refused(List<FieldProblem> problems) {
        return new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "intake.scheme-check.refused");
    }

    private static Optional<CheckVerdict> parse(String raw) {
        try {
            return raw.isEmpty() ? Optional.empty() : Optional.of(CheckVerdict.valueOf(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
