package org.yekuo.catalogue;

import java.util.Locale;

/**
 * A kind of application material. A subject qualification (ID card, business licence) is what an
 * application is accepted with under one-certificate start, so it can never be deferred; a material that
 * comes {@code withApplication} (the form signed on screen) is the application itself; every other one is
 * deferred to a node. {@code reuse} says whether a copy on file from an earlier order serves again (R-MAT-5).
 */
public record Material(String code, String nameZh, String nameEn, boolean subjectQualification, boolean withApplication,
        Reuse reuse) {

    /** Whose a material is, and so when a copy on file serves a later order. */
    public enum Reuse {
        /** The applicant's own (ID, licence): whatever the order. */
        APPLICANT,
        /** The premises' (a property certificate): for an order at the same supply address. */
        ADDRESS,
        /** One project's (load calculation, equipment list, drawings, power of attorney): never. */
        NONE
    }

    /** Whether acceptance may ask for it: only the certificate the order starts on and the application itself. */
    public boolean dueAtAcceptance() {
        return subjectQualification || withApplication;
    }

    public String name(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
