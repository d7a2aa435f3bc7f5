package org.yekuo.document;

import java.time.Instant;

/** What the auditor looks for in the access log; each part left null matches everything. */
public record AccessFilter(String username, String orderNo, Boolean allowed, Instant from, Instant to) {
}
