package org.yekuo.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.yekuo.workflow.NodeHistory;
import org.yekuo.workflow.WorkItem;

/**
 * An order as staff see it: personal data masked, its materials, timeline, open nodes and the
 * fields recorded so far, with the display names of the staff who handle its nodes (and of who chases a
 * suspended order's material). The progress token is only for staff (it is printed as the QR code).
 */
public record OrderView(long id, String orderNo, String typeCode, int typeVersion, String family, ApplicationStatus status,
        String suspendedReason, ApplicantKind applicantKind, String applicantName, String subjectCode, String phone,
        String supplyAddress, BigDecimal capacity, CapacityUnit capacityUnit, String currentNode, String createdBy,
        Instant createdAt, Instant completedAt, String cancelledReason, String progressToken,
        Instant suspendedAt, String chasedBy, List<ApplicationMaterial> materials, List<NodeHistory> timeline,
        List<WorkItem> openItems, List<NodeField> fields, Map<String, String> handlerNames) {

    static OrderView of(Application a, List<ApplicationMaterial> materials, List<NodeHistory> timeline,
            List<WorkItem> openItems, List<NodeField> fields, Map<String, String> handlerNames) {
        return new OrderView(a.id(), a.orderNo(), a.typeCode(), a.typeVersion(), a.family(), a.status(), a.suspendedReason(),
                a.applicantKind(), a.applicantNameMasked(), a.subjectCodeMasked(), a.phoneMasked(), a.supplyAddress(),
                a.capacity(), a.capacityUnit(), a.currentNode(openItems), a.createdBy(), a.createdAt(), a.completedAt(),
                a.cancelledReason(), a.progressToken(), a.suspendedAt(), a.chasedBy(), materials, timeline, openItems, fields,
                handlerNames);
    }
}
