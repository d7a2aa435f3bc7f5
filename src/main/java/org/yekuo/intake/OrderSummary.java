package org.yekuo.intake;

import java.math.BigDecimal;
import java.time.Instant;

/** An order's line in a list: personal data masked. */
public record OrderSummary(long id, String orderNo, String typeCode, ApplicationStatus status, String applicantNameMasked,
        String phoneMasked, String supplyAddress, BigDecimal capacity, CapacityUnit capacityUnit, String currentNode,
        Instant createdAt, Instant completedAt) {

    static OrderSummary of(Application a) {
        return new OrderSummary(a.id(), a.orderNo(), a.typeCode(), a.status(), a.applicantNameMasked(), a.phoneMasked(),
                a.supplyAddress(), a.capacity(), a.capacityUnit(), a.currentNode(), a.createdAt(), a.completedAt());
    }
}
