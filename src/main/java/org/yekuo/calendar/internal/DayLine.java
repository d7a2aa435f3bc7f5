package org.yekuo.calendar.internal;

/**
 * One special day as submitted, still unchecked text: a line of a year file, an entry of a year sent
 * as JSON, or a single day. {@code number} is the file's line number or the entry's position from 1.
 */
public record DayLine(int number, String date, String kind, String nameZh, String nameEn) {
}
