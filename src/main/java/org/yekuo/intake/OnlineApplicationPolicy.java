package org.yekuo.intake;

import java.util.List;

import org.yekuo.shared.DomainException;

/**
 * What an applicant may apply for online without visiting a counter: the low-voltage connections and
 * capacity increases that persons and small businesses ask for, EV charging points and distributed PV.
 * High-voltage and contract changes need a conversation with the utility first.
 */
public final class OnlineApplicationPolicy {

    /** The online types in the order the applicant sees them. */
    public static final List<String> TYPES = List.of("LV_RES_NEW", "LV_RES_INCREASE", "LV_NONRES_NEW", "LV_NONRES_INCREASE",
            "EV_CHARGING", "PV_GRID_CONNECTION");
    /** Who an online application is recorded as created by: the applicant, never their number. */
    static final String CREATED_BY = "applicant";

    private OnlineApplicationPolicy() {
    }

    static void requireOfferedOnline(String typeCode) {
        if (typeCode == null || typeCode.isBlank()) {
            throw DomainException.invalid("typeCode", "intake.field.type-code");
        }
        if (!TYPES.contains(typeCode)) {
            throw DomainException.invalid("typeCode", "online.type.not-offered", typeCode, String.join(", ", TYPES));
        }
    }
}
