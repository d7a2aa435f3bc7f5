package org.yekuo.document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * What marks a photo may carry (R-COL-1): at most {@value #MAX_MARKS}, each of a known kind with the points its kind
 * needs, every point inside the image, a label's text of 1 to {@value #MAX_LABEL} characters. All problems are
 * answered together, each naming the mark by its place in the list.
 */
final class PhotoMarkPolicy {

    static final int MAX_MARKS = 50;
    static final int MAX_ROUTE_POINTS = 100;
    static final int MAX_LABEL = 40;

    private PhotoMarkPolicy() {
    }

    static List<PhotoMark> check(List<DrawnMark> marks, int width, int height) {
        if (marks == null) {
            throw DomainException.invalid("marks", "intake.mark.marks-missing");
        }
        List<DrawnMark> given = marks;
        if (given.size() > MAX_MARKS) {
            throw DomainException.invalid("marks", "intake.mark.too-many", given.size(), MAX_MARKS);
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<PhotoMark> checked = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            DrawnMark mark = given.get(i);
            String field = "marks[" + i + "]";
            int no = i + 1;
            PhotoMark.Kind kind = mark == null ? null : kindOf(mark.kind());
            if (kind == null) {
                problems.add(new FieldProblem(field + ".kind", "intake.mark.kind-invalid", no, mark == null ? "" : String.valueOf(mark.kind())));
                continue;
            }
            List<PhotoMark.Point> points = mark.points() == null ? List.of() : mark.points();
            int fewest = switch (kind) {
                case ARROW, LINE, ROUTE -> 2;
                case LABEL -> 1;
            };
            int most = switch (kind) {
                case ARROW, LINE -> 2;
                case ROUTE -> MAX_ROUTE_POINTS;
                case LABEL -> 1;
            };
            if (points.size() < fewest || points.size() > most) {
                problems.add(new FieldProblem(field + ".points", "intake.mark.point-count", no, points.size(), fewest, most));
                continue;
            }
            boolean inside = true;
            for (PhotoMark.Point p : points) {
                if (p == null || !Double.isFinite(p.x()) || !Double.isFinite(p.y()) || p.x() < 0 || p.y() < 0 || p.x() > width
                        || p.y() > height) {
                    problems.add(new FieldProblem(field + ".points", "intake.mark.outside", no,
                            p == null ? "-" : round(p.x()) + ", " + round(p.y()), width, height));
                    inside = false;
                    break;
                }
            }
            if (!inside) {
                continue;
            }
            if (fewest == 2 && points.get(0).equals(points.get(points.size() - 1)) && points.size() == 2) {
                problems.add(new FieldProblem(field + ".points", "intake.mark.no-length", no));
                continue;
            }
            String text = mark.text() == null ? "" : mark.text().strip();
            if (kind == PhotoMark.Kind.LABEL
                    && (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_LABEL)) {
                problems.add(new FieldProblem(field + ".text", "intake.mark.label-length", no, MAX_LABEL));
                continue;
            }
            // Points are kept to a tenth of a pixel: finer is noise from the finger.
            checked.add(new PhotoMark(kind, points.stream().map(p -> new PhotoMark.Point(round(p.x()), round(p.y()))).toList(),
                    kind == PhotoMark.Kind.LABEL ? text : null));
        }
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "intake.mark.refused", problems.size());
        }
        return List.copyOf(checked);
    }

    private static PhotoMark.Kind kindOf(String kind) {
        return kind == null ? null : Arrays.stream(PhotoMark.Kind.values()).filter(k -> k.name().equals(kind.strip())).findFirst().orElse(null);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
