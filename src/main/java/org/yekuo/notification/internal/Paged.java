package org.yekuo.notification.internal;

import java.util.List;

/** One page of a list with the total count, for the "total N" line above a table. */
public record Paged<T>(List<T> items, long total, int page, int size) {

    static final int MAX_SIZE = 100;

    /** A requested page size kept between 1 and {@value #MAX_SIZE}. */
    public static int size(int requested) {
        return Math.max(1, Math.min(MAX_SIZE, requested));
    }

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }
}
