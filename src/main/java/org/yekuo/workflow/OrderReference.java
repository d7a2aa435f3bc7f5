package org.yekuo.workflow;

/**
 * What the rest of the product needs to know about the order a process runs for, kept as process
 * variables so that node events can carry it: the order number, the business type and catalogue
 * version whose node limits apply, and the order's org path (data scope).
 */
public record OrderReference(long orderId, String orderNo, String typeCode, int typeVersion, String orgPath) {
}
