package org.yekuo.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.document.DocumentOwner;
import org.yekuo.document.RecordSheet;
import org.yekuo.document.SignedRecords;
import org.yekuo.identity.CurrentUser;
import org.yekuo.intake.Application;

/**
 * Each opinion and each ruling also becomes a signed PDF record in the order's archive (R-DOC-3, R-REV-3,
 * R-REV-4): the sheet a department or the leader in charge would have signed on paper, signed with their
 * own certificate in the same transaction as the opinion, so neither exists without the other. A later
 * round's sheet is the next version of the department's record.
 */
@Component
class OpinionSheets {

    static final String NODE = "SCHEME_REVIEW";
    private static final Locale ARCHIVE_LANGUAGE = Locale.SIMPLIFIED_CHINESE;

    private final SignedRecords records;
    private final MessageSource messages;

    OpinionSheets(SignedRecords records, MessageSource messages) {
        this.records = records;
        this.messages = messages;
    }

    void opinion(Application order, ReviewRound round, Department department, ReviewGuideline guideline, Opinion opinion,
            CurrentUser reviewer) {
        String subject = "REVIEW_OPINION_" + department.name();
        List<RecordSheet.Line> lines = new ArrayList<>(common(order, round, guideline));
        lines.add(line("review.sheet.department", text("catalogue.department." + department.name())));
        lines.add(line("review.page.verdict", text("review.verdict." + opinion.verdict())));
        lines.add(line("review.page.cite", clauses(guideline, opinion)));
        lines.add(line("review.page.opinion", opinion.text()));
        lines.add(line("review.sheet.reviewer", reviewer.displayName()));
        records.issue(owner(order), subject, NODE, new RecordSheet(text("document.record." + subject), lines,
                text("review.sheet.opinion-closing")), reviewer);
    }

    void ruling(Application order, ReviewRound round, ReviewGuideline guideline, Opinion opinion, String meeting,
            List<Department> goBackTo, CurrentUser leader) {
        List<RecordSheet.Line> lines = new ArrayList<>(common(order, round, guideline));
        lines.add(line("review.page.ruling", text("review.verdict." + opinion.verdict())));
        lines.add(line("review.page.cite", clauses(guideline, opinion)));
        lines.add(line("review.page.consolidated", opinion.text()));
        lines.add(line("review.page.meeting", meeting));
        lines.add(line("review.page.back-to", goBackTo.isEmpty() ? "-"
                : goBackTo.stream().map(d -> text("catalogue.department." + d.name())).collect(Collectors.joining("、"))));
        lines.add(line("review.sheet.leader", leader.displayName()));
        records.issue(owner(order), "ARBITRATION_RULING", NODE, new RecordSheet(text("document.record.ARBITRATION_RULING"), lines,
                text("review.sheet.ruling-closing")), leader);
    }

    private List<RecordSheet.Line> common(Application order, ReviewRound round, ReviewGuideline guideline) {
        return List.of(line("review.sheet.order", order.orderNo()),
                line("review.page.round", text("review.page.round-n", round.roundNo())),
                line("review.page.guideline", guideline.nameZh() + "（" + guideline.code() + " v" + guideline.version() + "）"));
    }

    /** The cited clauses with what each one asks, so the sheet reads without the guideline beside it. */
    private static String clauses(ReviewGuideline guideline, Opinion opinion) {
        if (opinion.clauses().isEmpty()) {
            return "-";
        }
        return opinion.clauses().stream().map(code -> guideline.items().stream().filter(i -> i.clauseNo().equals(code)).findFirst()
                .map(i -> code + " " + i.textZh()).orElse(code)).collect(Collectors.joining("\n"));
    }

    private static DocumentOwner owner(Application order) {
        return new DocumentOwner(order.id(), order.orderNo(), order.orgPath());
    }

    private RecordSheet.Line line(String labelKey, String value) {
        return new RecordSheet.Line(text(labelKey), value);
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, ARCHIVE_LANGUAGE);
    }
}
