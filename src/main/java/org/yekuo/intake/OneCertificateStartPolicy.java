package org.yekuo.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.ChecklistItem;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.Material;
import org.yekuo.shared.DomainException;

/**
 * One-certificate start (R-MAT-3) and materials on file (R-MAT-5): what each checklist material of a
 * new application starts as. Acceptance never demands more than the subject qualification.
 */
final class OneCertificateStartPolicy {

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

    /**
     * What each checklist material starts as. Acceptance takes the subject qualification and the application
     * itself; a power of attorney concerns only agents; a copy on file is reused only where the material is
     * the applicant's own, or the premises' at the same supply address; everything else is deferred to the
     * node the catalogue names, and a material a catalogue version still asks for at acceptance is deferred
     * to the type's first node after it.
     *
     * @param onFile material code to the earlier application that supplied it and that application's address
     */
    static List<ApplicationMaterial> initialMaterials(BusinessTypeDefinition type, boolean agent, String supplyAddress,
            Map<String, OnFileCopy> onFile, Instant now) {
        List<ApplicationMaterial> materials = new ArrayList<>();
        String firstAfterAcceptance = type.nodeSequence().stream().filter(n -> n != KeyNode.ACCEPTANCE).findFirst()
                .map(Enum::name).orElse(null);
        for (ChecklistItem item : type.checklist()) {
            Material material = item.material();
            String code = material.code();
            if (material.dueAtAcceptance()) {
                materials.add(new ApplicationMaterial(code, MaterialState.SUPPLIED, null, null, null, now));
            } else if (code.equals(POWER_OF_ATTORNEY) && !agent) {
                materials.add(new ApplicationMaterial(code, MaterialState.NOT_APPLICABLE, null, null, null, null));
            } else if (onFile.containsKey(code) && reusable(material, onFile.get(code), supplyAddress)) {
                materials.add(new ApplicationMaterial(code, MaterialState.ON_FILE, null, null, onFile.get(code).applicationId(), now));
            } else {
                String until = item.requiredAtAcceptance() ? firstAfterAcceptance : item.deferredUntil().name();
                materials.add(new ApplicationMaterial(code, MaterialState.DEFERRED, until, null, null, null));
            }
        }
        return materials;
    }

    /** An earlier order's copy of a material: which order, at which supply address. */
    record OnFileCopy(long applicationId, String supplyAddress) {
    }

    static boolean reusable(Material material, OnFileCopy copy, String supplyAddress) {
        return switch (material.reuse()) {
            case APPLICANT -> true;
            case ADDRESS -> sameAddress(copy.supplyAddress(), supplyAddress);
            case NONE -> false;
        };
    }

    /** Addresses compared as written, without the spaces and punctuation people vary. */
    static boolean sameAddress(String a, String b) {
        return a != null && b != null && normalised(a).equals(normalised(b));
    }

    private static String normalised(String address) {
        return address.replaceAll("[\\s\\p{Punct}\u3000-\u303f\uff00-\uff0f]", "");
    }
}
