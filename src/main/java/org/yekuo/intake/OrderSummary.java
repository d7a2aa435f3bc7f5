package org.yekuo.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.yekuo.workflow.WorkItem;

/** An order's line in a list: personal data masked. */
public record OrderSummary(long id, String orderNo, String typeCode, ApplicationStatus status, String applicantNameMasked,
        String phoneMasked, String supplyAddress, BigDecimal capacity, CapacityUnit capacityUnit, String currentNode,
        Instant createdAt, Instant completedAt) {

    /** The order's line, at the node its open tasks ({@code openItems}, oldest first) stand at. */
    static OrderSummary of(Application a, List<WorkItem> openItems) {
        return new OrderSummary(a.id(), a.orderNo(), a.typeCode(), a.status(), a.applicantNameMasked(), a.phoneMasked(),
                a.supplyAddress(), a.capacity(), a.capacityUnit(), a.currentNode(openItems), a.createdAt(), a.completedAt());
    }
}
