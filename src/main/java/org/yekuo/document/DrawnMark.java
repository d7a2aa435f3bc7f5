package org.yekuo.document;

import java.util.List;

/** A mark as the phone sends it, before {@link PhotoMarkPolicy} has checked its kind, points and text. */
public record DrawnMark(String kind, List<PhotoMark.Point> points, String text) {
}
