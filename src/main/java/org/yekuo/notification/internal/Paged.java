package org.yekuo.notification.internal;

import java.util.List;

import org.yekuo.shared.Paging;

/** One page of a list with the total count, for the "total N" line above a table. */
public record Paged<T>(List<T> items, long total, int page, int size) {

    /** A requested page size kept between 1 and {@value Paging#MAX_SIZE}. */
    public static int size(int requested) {
        return Math.max(1, Math.min(Paging.MAX_SIZE, requested));
    }

    public int pages() {
        return Paging.pages(total, size);
    }
}
