package org.yekuo.document;

import java.util.List;

/**
 * One mark drawn over a field photo (R-COL-1), in the original image's pixels: an arrow from its first point to
 * its second, a line, the line route through its points, or a text label placed at its point. Marks are kept as
 * vector data beside the photo, which stays as it was taken.
 */
public record PhotoMark(Kind kind, List<Point> points, String text) {

    /** What a mark is; its label is {@code intake.mark.kind.<name>}. */
    public enum Kind {
        ARROW, LINE, ROUTE, LABEL
    }

    /** A point of the image, from its top left corner. */
    public record Point(double x, double y) {
    }

    /** The route's points as SVG's {@code points} attribute. */
    public String svgPoints() {
        StringBuilder svg = new StringBuilder();
        for (Point p : points) {
            svg.append(svg.isEmpty() ? "" : " ").append(p.x()).append(',').append(p.y());
        }
        return svg.toString();
    }
}
