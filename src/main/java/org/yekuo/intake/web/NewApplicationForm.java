package org.yekuo.intake.web;

import java.math.BigDecimal;

import org.yekuo.intake.ApplicantKind;
import org.yekuo.intake.CapacityUnit;
import org.yekuo.intake.NewApplication;
import org.yekuo.shared.DomainException;

/**
 * The counter's acceptance form as typed, so that a refused form comes back exactly as it was. Only
 * the shape of the values is checked here; every rule lives in the intake service. An unticked box
 * sends nothing, so {@code agent} may be absent.
 */
record NewApplicationForm(String typeCode, String applicantKind, String applicantName, String subjectCode, String phone,
        String supplyAddress, String capacity, String capacityUnit, Boolean agent, String idempotencyKey) {

    static NewApplicationForm empty(String idempotencyKey) {
        return new NewApplicationForm("LV_RES_NEW", "PERSON", "", "", "", "", "", "KVA", false, idempotencyKey);
    }

    /**
     * The form with the values another page handed over: a confirmed licence reading gives the applicant's kind, name,
     * certificate number and address; the e-licence fetch at the counter hands back the whole form as typed, with the
     * fetched name and address, and keeps its idempotency key, which its consent is bound to.
     */
    NewApplicationForm prefilled(java.util.Map<?, ?> values) {
        boolean ticked = values.containsKey("_agent") ? "true".equals(values.get("agent")) : Boolean.TRUE.equals(agent);
        return new NewApplicationForm(text(values, "typeCode", typeCode), text(values, "applicantKind", applicantKind),
                text(values, "applicantName", applicantName), text(values, "subjectCode", subjectCode), text(values, "phone", phone),
                text(values, "supplyAddress", supplyAddress), text(values, "capacity", capacity), text(values, "capacityUnit", capacityUnit),
                ticked, text(values, "idempotencyKey", idempotencyKey));
    }

    private static String text(java.util.Map<?, ?> values, String key, String otherwise) {
        return values.get(key) instanceof String value && !value.isBlank() ? value : otherwise;
    }

    NewApplication toRequest() {
        return toRequest(phone == null ? null : phone.trim());
    }

    /** The request with {@code phone} instead of the typed one: online it is the number the applicant proved. */
    NewApplication toRequest(String phone) {
        BigDecimal amount;
        try {
            amount = capacity == null || capacity.isBlank() ? null : new BigDecimal(capacity.trim());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("capacity", "intake.field.capacity");
        }
        return new NewApplication(typeCode, parse(ApplicantKind.class, applicantKind, "applicantKind", "intake.field.applicant-kind"),
                applicantName, subjectCode, phone, supplyAddress, amount,
                parse(CapacityUnit.class, capacityUnit, "capacityUnit", "intake.field.capacity-unit"), Boolean.TRUE.equals(agent));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String messageKey) {
        try {
            return value == null ? null : Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, messageKey);
        }
    }
}
