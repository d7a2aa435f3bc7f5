package org.yekuo.integration.internal;

import java.util.List;

import org.yekuo.shared.Paging;

/** One page of rows with the total under the same filter. */
public record Paged<T>(List<T> items, long total, int page, int size) {

    public int pages() {
        return Paging.pages(total, size);
    }
}
