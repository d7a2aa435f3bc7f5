package org.yekuo.licence;

import java.util.List;

/**
 * What a read paper is, recognised by what it says (R-DOC-1), with the fields a person confirms for it and the
 * checklist materials it is filed as, best match first. Its label is {@code licence.ocr.kind.<name>}.
 */
public enum PaperKind {
    BUSINESS_LICENCE(List.of("creditCode", "name", "companyType", "legalRepresentative", "registeredCapital", "establishedOn",
            "validity", "address"), List.of("BUSINESS_LICENCE", "SUBJECT_QUALIFICATION")),
    PROPERTY_CERTIFICATE(List.of("certificateNo", "owner", "location", "unitNo", "use", "area"),
            List.of("PROPERTY_PROOF", "PROPERTY_OR_LAND_USE_PROOF", "ROOF_PROPERTY_PROOF")),
    ID_CARD(List.of("name", "sex", "ethnicity", "birthDate", "address", "idNumber"), List.of("ID_CARD", "LEGAL_REPRESENTATIVE_ID"));

    private final List<String> fields;
    private final List<String> materials;

    PaperKind(List<String> fields, List<String> materials) {
        this.fields = fields;
        this.materials = materials;
    }

    /** The fields of this kind in the order the paper shows them. */
    public List<String> fields() {
        return fields;
    }

    /** The checklist materials this kind is filed as, the most specific first. */
    public List<String> materials() {
        return materials;
    }

    public String messageKey() {
        return "licence.ocr.kind." + name();
    }
}
