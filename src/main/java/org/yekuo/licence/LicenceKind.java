package org.yekuo.licence;

/**
 * What the government data-sharing platform issues (R-LIC-1); its label is {@code licence.registry.kind.<name>}.
 * A business licence is looked up by a unified social credit code, an ID record by a resident ID number,
 * a property certificate by the code of its holder, either of the two.
 */
public enum LicenceKind {
    BUSINESS_LICENCE("BUSINESS_LICENCE"), PROPERTY_CERTIFICATE("PROPERTY_PROOF"), ID_RECORD("ID_CARD");

    private final String materialCode;

    LicenceKind(String materialCode) {
        this.materialCode = materialCode;
    }

    /** The catalogue's material that this licence is (the order's archive files it under that material). */
    public String materialCode() {
        return materialCode;
    }

    public String messageKey() {
        return "licence.registry.kind." + name();
    }
}
