package org.yekuo.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * A rating's input rules (R-EVA-2): each metric 1 to 5 stars, a comment of at most {@value #MAX_COMMENT}
 * characters without markup or control characters. Every field at fault is named at once.
 */
final class RatingPolicy {

    static final int MAX_COMMENT = 200;
    private static final Pattern MARKUP_OR_CONTROL = Pattern.compile("[<>]|[\\p{Cntrl}&&[^\\r\\n\\t]]");

    private RatingPolicy() {
    }

    /** The rating with its comment trimmed (empty becomes none), or a 422 naming every field at fault. */
    static Rating check(Rating rating) {
        List<FieldProblem> problems = new ArrayList<>();
        star("timeliness", rating.timeliness(), problems);
        star("attitude", rating.attitude(), problems);
        star("communication", rating.communication(), problems);
        String comment = rating.comment() == null ? null : rating.comment().strip();
        if (comment != null && comment.isEmpty()) {
            comment = null;
        }
        if (comment != null && comment.codePointCount(0, comment.length()) > MAX_COMMENT) {
            problems.add(new FieldProblem("comment", "evaluation.comment.too-long", MAX_COMMENT,
                    comment.codePointCount(0, comment.length())));
        } else if (comment != null && MARKUP_OR_CONTROL.matcher(comment).find()) {
            problems.add(new FieldProblem("comment", "evaluation.comment.markup"));
        }
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "evaluation.rating.invalid");
        }
        return new Rating(rating.timeliness(), rating.attitude(), rating.communication(), comment);
    }

    static BigDecimal average(Rating rating) {
        return BigDecimal.valueOf(rating.timeliness() + rating.attitude() + rating.communication())
                .divide(BigDecimal.valueOf(3), 2, RoundingMode.HALF_UP);
    }

    private static void star(String field, Integer value, List<FieldProblem> problems) {
        if (value == null || value < 1 || value > 5) {
            problems.add(new FieldProblem(field, "evaluation.rating.stars." + field));
        }
    }
}
