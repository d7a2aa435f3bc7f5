package org.yekuo.shared;

/** The arithmetic of paged lists: 0-based page numbers, at most {@value #MAX_SIZE} rows a page. */
public final class Paging {

    public static final int MAX_SIZE = 100;

    private Paging() {
    }

    /** Refuses a negative page number or a page size outside 1 to {@value #MAX_SIZE}, naming the parameter. */
    public static void check(int page, int size) {
        if (page < 0) {
            throw DomainException.invalid("page", "validation.page-number");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw DomainException.invalid("size", "validation.page-size", MAX_SIZE);
        }
    }

    /** How many pages {@code total} rows fill; an empty list still shows as one page. */
    public static int pages(long total, int size) {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    /** The number of rows before the page, for SQL's {@code offset}. */
    public static long offset(int page, int size) {
        return (long) page * size;
    }
}
