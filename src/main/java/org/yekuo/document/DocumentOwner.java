package org.yekuo.document;

/** The order a document belongs to, with the org path that decides who may see it (R-X-2). */
public record DocumentOwner(long orderId, String orderNo, String orgPath) {
}
