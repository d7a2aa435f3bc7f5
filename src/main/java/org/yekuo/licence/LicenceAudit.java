package org.yekuo.licence;

import org.yekuo.audit.AuditAction;

/** What the business licence readings and retrievals record in the audit log. */
enum LicenceAudit implements AuditAction {

    APPLY_ATTACHED("licence.apply-attached"),
    APPLY_CONFIRMED("licence.apply-confirmed"),
    APPLY_CONSENT_ASKED("licence.apply-consent-asked"),
    APPLY_FETCH_ATTACHED("licence.apply-fetch-attached"),
    APPLY_FETCH_NOT_TAKEN("licence.apply-fetch-not-taken"),
    APPLY_NOT_TAKEN("licence.apply-not-taken"),
    APPLY_READ("licence.apply-read"),
    APPLY_REMOVED("licence.apply-removed"),
    APPLY_RETRIEVAL_FAILED("licence.apply-retrieval-failed"),
    APPLY_RETRIEVED("licence.apply-retrieved"),
    CONFIRMED("licence.confirmed"),
    CONSENT_ASKED("licence.consent-asked"),
    COUNTER_ATTACHED("licence.counter-attached"),
    COUNTER_CONSENT_ASKED("licence.counter-consent-asked"),
    COUNTER_NOT_TAKEN("licence.counter-not-taken"),
    COUNTER_RETRIEVAL_FAILED("licence.counter-retrieval-failed"),
    COUNTER_RETRIEVED("licence.counter-retrieved"),
    EXPIRED_REMINDED("licence.expired-reminded"),
    EXPIRY_REMINDED("licence.expiry-reminded"),
    FIELDS_CONFIRMED("licence.fields-confirmed"),
    READ_ONLINE("licence.read-online"),
    RETRIEVAL_FAILED("licence.retrieval-failed"),
    RETRIEVED("licence.retrieved"),
    SCANNED("licence.scanned");

    private final String code;

    LicenceAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
