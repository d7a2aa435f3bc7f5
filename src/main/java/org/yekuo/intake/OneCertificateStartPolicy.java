package org.yekuo.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.ChecklistItem;
import org.yekuo.shared.DomainException;

/**
 * One-certificate start (R-MAT-3) and materials on file (R-MAT-5): what each checklist
 * material of a new application starts as. The subject qualification is the certificate the
 * application is accepted on; the application form is the application itself, signed on screen; a
 * power of attorney concerns only agents; anything the applicant supplied before is reused; the rest
 * is deferred to the node the catalogue allows, or still required before acceptance completes.
 */
final class OneCertificateStartPolicy {

    static final String APPLICATION_FORM = "APPLICATION_FORM";
    static final String POWER_OF_ATTORNEY = "POWER_OF_ATTORNEY";
    static final String ID_CARD = "ID_CARD";
    static final String BUSINESS_LICENCE = "BUSINESS_LICENCE";

    private OneCertificateStartPolicy() {
    }

    /**
     * The certificate must be the one the type starts on: a type whose checklist names the ID card is
     * for persons, one that names the business licence for organisations; a combined subject
     * qualification takes either.
     */
    static void requireSubjectFits(BusinessTypeDefinition type, ApplicantKind kind) {
        for (ChecklistItem item : type.checklist()) {
            String code = item.material().code();
            if ((code.equals(ID_CARD) && kind != ApplicantKind.PERSON)
                    || (code.equals(BUSINESS_LICENCE) && kind != ApplicantKind.ORGANISATION)) {
                throw DomainException.invalid("applicantKind", "intake.applicant-kind.mismatch", item.material().nameZh(),
                        item.material().nameEn());
            }
        }
    }

    /** @param onFile material code to the earlier application that supplied it */
    static List<ApplicationMaterial> initialMaterials(BusinessTypeDefinition type, boolean agent,
            Map<String, Long> onFile, Instant now) {
        List<ApplicationMaterial> materials = new ArrayList<>();
        for (ChecklistItem item : type.checklist()) {
            String code = item.material().code();
            if (item.material().subjectQualification() || code.equals(APPLICATION_FORM)) {
                materials.add(new ApplicationMaterial(code, MaterialState.SUPPLIED, null, null, null, now));
            } else if (code.equals(POWER_OF_ATTORNEY) && !agent) {
                materials.add(new ApplicationMaterial(code, MaterialState.NOT_APPLICABLE, null, null, null, null));
            } else if (onFile.containsKey(code)) {
                materials.add(new ApplicationMaterial(code, MaterialState.ON_FILE, null, null, onFile.get(code), now));
            } else if (item.requiredAtAcceptance()) {
                materials.add(new ApplicationMaterial(code, MaterialState.REQUIRED, null, null, null, null));
            } else {
                materials.add(new ApplicationMaterial(code, MaterialState.DEFERRED, item.deferredUntil().name(), null, null, null));
            }
        }
        return materials;
    }
}
