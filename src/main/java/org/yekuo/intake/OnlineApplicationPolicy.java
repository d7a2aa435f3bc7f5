package org.yekuo.intake;

import java.util.List;

import org.yekuo.catalogue.BusinessTypeSummary;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.shared.DomainException;

/**
 * What an applicant may apply for online without visiting a counter: every type the catalogue marks as online-capable
 * (all but the HV connections whose supply scheme needs a conversation with the utility first).
 */
public final class OnlineApplicationPolicy {

    /** Who an online application is recorded as created by: the applicant, never their number. */
    static final String CREATED_BY = "applicant";

    private OnlineApplicationPolicy() {
    }

    static void requireOfferedOnline(String typeCode, Catalogue catalogue) {
        if (typeCode == null || typeCode.isBlank()) {
            throw DomainException.invalid("typeCode", "intake.field.type-code");
        }
        List<BusinessTypeSummary> online = catalogue.onlineTypes();
        if (online.stream().noneMatch(t -> t.code().equals(typeCode))) {
            throw DomainException.invalid("typeCode", "online.type.not-offered", typeCode,
                    String.join(", ", online.stream().map(BusinessTypeSummary::code).toList()));
        }
    }
}
