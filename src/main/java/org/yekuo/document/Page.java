package org.yekuo.document;

import java.util.List;

/** One page of a longer list, with the number of rows of the whole list. */
public record Page<T>(List<T> rows, long total, int page, int size) {
}
