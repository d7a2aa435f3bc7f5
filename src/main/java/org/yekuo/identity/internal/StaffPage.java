package org.yekuo.identity.internal;

import java.util.List;

/** One page of the staff list with the total count of matches. */
public record StaffPage(List<StaffListing> staff, long total, int page, int size) {
}
