package org.yekuo.manual;

import java.time.Instant;

/** A published edition of the manual: its number, who published it when, and its one-line summary. */
public record Edition(int number, Instant publishedAt, String publishedBy, String summary) {
}
