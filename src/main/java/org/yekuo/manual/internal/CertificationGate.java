package org.yekuo.manual.internal;

import java.util.Locale;

import org.springframework.stereotype.Component;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.identity.CurrentUser;
import org.yekuo.manual.Certifications;
import org.yekuo.manual.Countersigns;
import org.yekuo.manual.ManualAudit;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.HandlerQualifications;

/**
 * Only the certified work alone (R-STD-2): signing for a node needs a certification for the order's business
 * type that counts now, or a certified co-handler's approved countersign for that very node.
 */
@Component
class CertificationGate implements HandlerQualifications {

    private final Certifications certifications;
    private final Countersigns countersigns;
    private final Catalogue catalogue;
    private final AuditTrail audit;

    CertificationGate(Certifications certifications, Countersigns countersigns, Catalogue catalogue, AuditTrail audit) {
        this.certifications = certifications;
        this.countersigns = countersigns;
        this.catalogue = catalogue;
        this.audit = audit;
    }

    @Override
    public void requireQualified(long orderId, String taskId, String nodeCode, String typeCode, CurrentUser user) {
        if (certifications.valid(user.username(), typeCode).isPresent()) {
            return;
        }
        if (countersigns.approved(taskId, user.username())) {
            audit.record(ManualAudit.COUNTERSIGNED_SIGN_FOR, "manual-countersign", taskId, "node=" + nodeCode + " type=" + typeCode);
            return;
        }
        String zh = catalogue.findCurrent(typeCode).map(t -> t.name(Locale.CHINA)).orElse(typeCode);
        String en = catalogue.findCurrent(typeCode).map(t -> t.name(Locale.ENGLISH)).orElse(typeCode);
        throw DomainException.forbidden("manual.certification.required", zh, en);
    }
}
