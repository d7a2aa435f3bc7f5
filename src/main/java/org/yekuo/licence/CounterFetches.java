package org.yekuo.licence;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.document.Document;
import org.yekuo.document.UploadedFile;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.StaffMembers;
import org.yekuo.intake.ApplicantKind;
import org.yekuo.intake.Application;
import org.yekuo.intake.MaterialSupply;
import org.yekuo.intake.OnlineApplicationReceived;
import org.yekuo.intake.OrderAccepted;
import org.yekuo.intake.Orders;
import org.yekuo.intake.ResidentIdNumber;
import org.yekuo.intake.UnifiedSocialCreditCode;
import org.yekuo.licence.internal.CounterFetchRows;
import org.yekuo.licence.internal.CounterFetchRows.CounterFetch;
import org.yekuo.licence.internal.RetrievalRows;
import org.yekuo.notification.IssuedCode;
import org.yekuo.notification.VerificationCodes;
import org.yekuo.notification.VerificationPurpose;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Masking;
import org.yekuo.shared.PersonalDataCipher;

/**
 * Fetching an e-licence while an application form is still being filled in, before the order exists (R-LIC-1,
 * R-LIC-2): the counter's new-order form, or the applicant's own form on {@code /apply}. The consent code goes to the
 * phone of the form (typed at the counter, proven by SMS online) and is bound to that form (its idempotency key), who is
 * at it (the clerk, or the applicant with that proven phone), and the credit code or ID number and phone it was asked
 * for; it is good for one retrieval, logged like any other. What comes fills the form, and waits, sealed, until the
 * form becomes an order: then the licence is filed as the order's material and the form's retrievals, whatever came of
 * them, join the order, in the accepting or submitting transaction. A form that is abandoned keeps nothing: its
 * consents and licences expire and are deleted, leaving only the log of the retrieval.
 */
@Service
public class CounterFetches {

    private static final String FORM_KEY = "[A-Za-z0-9-]{8,60}";

    private final CounterFetchRows rows;
    private final RetrievalRows retrievals;
    private final LicenceRegistry registry;
    private final VerificationCodes codes;
    private final Orders orders;
    private final MaterialSupply materials;
    private final StaffMembers staff;
    private final PersonalDataCipher cipher;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final Duration hold;

    CounterFetches(CounterFetchRows rows, RetrievalRows retrievals, LicenceRegistry registry, VerificationCodes codes, Orders orders,
            MaterialSupply materials, StaffMembers staff, PersonalDataCipher cipher, AuditTrail audit, MessageSource messages,
            PlatformTransactionManager transactions, Clock clock, @Value("${yekuo.licence.counter.hold:PT2H}") Duration hold) {
        this.rows = rows;
        this.retrievals = retrievals;
        this.registry = registry;
        this.codes = codes;
        this.orders = orders;
        this.materials = materials;
        this.staff = staff;
        this.cipher = cipher;
        this.audit = audit;
        this.messages = messages;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.hold = hold;
    }

    /**
     * The form as typed: its key, and whose licence it asks for, with the phone that consents (online, the phone the
     * applicant proved, not one typed).
     */
    public record CounterForm(String formKey, ApplicantKind applicantKind, String subjectCode, String phone) {
    }

    /** A licence fetched for the form, as it will be filed with the order; the clerk sees it and corrects the form. */
    public record CounterLicence(LicenceKind kind, String licenceNo, String holderMasked, String name, String legalRepresentative,
            String address, BigDecimal registeredCapital, LocalDate validFrom, LocalDate validUntil, String propertyLocation,
            BigDecimal propertyArea, Instant fetchedAt, boolean expiresSoon, boolean expired) {

        /** The address the form takes: the property's location for a property certificate, else the registered address. */
        public String formAddress() {
            return kind == LicenceKind.PROPERTY_CERTIFICATE ? propertyLocation : address;
        }

        /** The applicant's name the form takes; a property certificate names its owner. */
        public String formName() {
            return name;
        }
    }

    /** Where a form stands: the consent waiting for its code (masked phone, holder), and the licences it has fetched. */
    public record FormState(ApplicantKind applicantKind, String phoneMasked, String holderMasked, boolean awaitingCode,
            List<CounterLicence> licences) {

        public static FormState empty() {
            return new FormState(null, null, null, false, List.of());
        }
    }

    /** The licences a form may fetch for its applicant kind. */
    public static List<LicenceKind> kindsFor(ApplicantKind kind) {
        return LicenceRetrievals.kindsFor(kind);
    }

    /** Who is at a form: a clerk at the counter, or the applicant online, whose forms are told apart by their phone. */
    private record Asker(String username, String orgPath, boolean online) {

        static Asker clerk(CurrentUser clerk) {
            return new Asker(clerk.username(), clerk.orgPath(), false);
        }

        /** Before the order exists an applicant's retrieval belongs to no unit: the order's, once bound. */
        static final Asker APPLICANT = new Asker(LicenceRetrievals.APPLICANT, "/", true);
    }

    /** The clerk asks the applicant's consent for the form: the code goes to the phone typed on it. */
    @PreAuthorize("hasRole('CLERK')")
    public IssuedCode askConsent(CounterForm form, CurrentUser clerk, String clientIp) {
        return askConsent(form, Asker.clerk(clerk), clientIp);
    }

    /**
     * The applicant on {@code /apply} asks for a consent code to the phone they proved ({@code form.phone()}, from the
     * session's proof, never from what was posted).
     */
    public IssuedCode askConsentOnline(CounterForm form, String clientIp) {
        return askConsent(form, Asker.APPLICANT, clientIp);
    }

    private IssuedCode askConsent(CounterForm form, Asker asker, String clientIp) {
        String formKey = formKey(form);
        String subject = subject(form);
        String holderMasked = masked(form.applicantKind(), subject);
        String phone = form.phone() == null ? "" : form.phone().strip();
        Instant now = clock.instant();
        return transaction.execute(status -> {
            rows.insertConsent(formKey, asker.username(), asker.orgPath(), form.applicantKind().name(), cipher.blindIndex(subject),
                    cipher.encrypt(subject), cipher.blindIndex(phone), Masking.mobile(phone), holderMasked, now, now.plus(hold));
            IssuedCode issued = codes.issue(phone, VerificationPurpose.LICENCE_CONSENT, clientIp);
            audit.record(asker.online() ? LicenceAudit.APPLY_CONSENT_ASKED : LicenceAudit.COUNTER_CONSENT_ASKED, "licence-form", formKey,
                    "holder=" + holderMasked + " by=" + asker.username());
            return issued;
        });
    }

    /**
     * The clerk fetches with the code the applicant read out. The form must still ask for the holder and phone the
     * consent was given for; the consent is spent on this one retrieval, whatever comes of it.
     */
    @PreAuthorize("hasRole('CLERK')")
    public CounterLicence fetch(CounterForm form, LicenceKind kind, String code, CurrentUser clerk) {
        return fetch(form, kind, code, Asker.clerk(clerk));
    }

    /** The applicant on {@code /apply} fetches with the code their phone got; {@code form.phone()} is the proven phone. */
    public CounterLicence fetchOnline(CounterForm form, LicenceKind kind, String code) {
        return fetch(form, kind, code, Asker.APPLICANT);
    }

    private CounterLicence fetch(CounterForm form, LicenceKind kind, String code, Asker asker) {
        String formKey = formKey(form);
        String subject = subject(form);
        String phone = form.phone() == null ? "" : form.phone().strip();
        CounterFetch consent = latestConsent(formKey, asker, phone, clock.instant())
                .orElseThrow(() -> DomainException.invalid("code", asker.online() ? "licence.apply-fetch.no-consent" : "licence.counter.no-consent"));
        if (!consent.subjectIndex().equals(cipher.blindIndex(subject)) || !consent.phoneIndex().equals(cipher.blindIndex(phone))
                || !consent.applicantKind().equals(form.applicantKind().name())) {
            throw DomainException.invalid("subjectCode", asker.online() ? "licence.apply-fetch.form-changed" : "licence.counter.form-changed",
                    consent.holderMasked(), consent.phoneMasked());
        }
        List<LicenceKind> allowed = kindsFor(form.applicantKind());
        if (kind == null || !allowed.contains(kind)) {
            throw DomainException.invalid("kind", "licence.registry.retrieval.kind",
                    allowed.stream().map(LicenceKind::name).collect(Collectors.joining(", ")));
        }
        if (consent.usedAt() != null) {
            throw DomainException.invalid("code", "licence.consent.used");
        }
        transaction.executeWithoutResult(status -> {
            codes.verify(phone, VerificationPurpose.LICENCE_CONSENT, code);
            if (!rows.use(consent.id(), clock.instant())) {
                throw DomainException.invalid("code", "licence.consent.used");
            }
        });
        String holderMasked = consent.holderMasked();
        // The platform is asked outside any transaction; the consent is spent already.
        FetchedLicence licence;
        try {
            licence = registry.fetch(kind, subject);
        } catch (LicencePlatformException e) {
            logFailure(consent, formKey, kind, RetrievalOutcome.valueOf(e.reason().name()), asker);
            throw LicenceRetrievals.refusal(e.reason(), holderMasked);
        }
        if (!licence.holderCode().equalsIgnoreCase(subject)) {
            logFailure(consent, formKey, kind, RetrievalOutcome.MALFORMED, asker);
            throw LicenceRetrievals.refusal(LicencePlatformException.Reason.MALFORMED, holderMasked);
        }
        Instant now = clock.instant();
        RetrievalRows.SealedFields sealed = new RetrievalRows.SealedFields(cipher.encrypt(licence.name()), seal(licence.legalRepresentative()),
                seal(licence.address()), licence.registeredCapital(), licence.validFrom(), licence.validUntil(),
                seal(licence.propertyLocation()), licence.propertyArea());
        transaction.executeWithoutResult(status -> {
            long retrievalId = retrievals.insertRetrieval(null, null, consent.orgPath(), kind, holderMasked, licence.licenceNo(),
                    RetrievalOutcome.RETRIEVED, asker.username(), now, null);
            rows.keep(consent.id(), kind, retrievalId, licence.licenceNo(), sealed, LicenceRetrievals.archiveName(licence, messages),
                    cipher.encrypt(Base64.getEncoder().encodeToString(licence.file().content())));
            audit.record(asker.online() ? LicenceAudit.APPLY_RETRIEVED : LicenceAudit.COUNTER_RETRIEVED, "licence-form", formKey, "licenceKind="
                    + kind + " licence=" + licence.licenceNo() + " by=" + asker.username() + " registry=" + registry.name());
        });
        return rows.fetchedFor(formKey, asker.username(), now).stream().filter(f -> f.id() == consent.id()).findFirst()
                .map(this::unsealed).orElseThrow();
    }

    /** The newest consent in time asked from the form by who is at it; online, only one asked for the same proven phone. */
    private Optional<CounterFetch> latestConsent(String formKey, Asker asker, String phone, Instant now) {
        return rows.latestConsent(formKey, asker.username(), now)
                .filter(consent -> !asker.online() || consent.phoneIndex().equals(cipher.blindIndex(phone)));
    }

    /** Where the clerk's form stands; nothing for a form that asked nothing or whose consents have expired. */
    @PreAuthorize("hasRole('CLERK')")
    public FormState state(String formKey, CurrentUser clerk) {
        return state(formKey, Asker.clerk(clerk), null);
    }

    /** Where the applicant's form on {@code /apply} stands, for the phone they proved; another phone's form shows nothing. */
    public FormState stateOnline(String formKey, String phone) {
        return state(formKey, Asker.APPLICANT, phone == null ? "" : phone.strip());
    }

    private FormState state(String formKey, Asker asker, String phone) {
        if (formKey == null || !formKey.matches(FORM_KEY)) {
            return FormState.empty();
        }
        Instant now = clock.instant();
        Optional<CounterFetch> latest = latestConsent(formKey, asker, phone, now);
        if (latest.isEmpty()) {
            return FormState.empty();
        }
        CounterFetch consent = latest.get();
        boolean awaiting = consent.usedAt() == null;
        return new FormState(ApplicantKind.valueOf(consent.applicantKind()), consent.phoneMasked(), consent.holderMasked(), awaiting,
                rows.fetchedFor(formKey, asker.username(), now).stream()
                        .filter(f -> !asker.online() || f.phoneIndex().equals(consent.phoneIndex())).map(this::unsealed).toList());
    }

    /**
     * The counter's form became an order: the licences fetched for it, when they are the order applicant's, are filed
     * as its materials and their retrievals join it, in the accepting transaction. A licence whose holder or phone the
     * clerk changed since is not the applicant's consent for this order and is left to expire.
     */
    @EventListener
    void on(OrderAccepted accepted) {
        if (!"COUNTER".equals(accepted.channel())) {
            return;
        }
        Optional<String> formKey = orders.formKey(accepted.orderId());
        Application order = orders.find(accepted.orderId()).orElseThrow();
        if (formKey.isEmpty() || !formKey.get().matches(FORM_KEY)) {
            return;
        }
        CurrentUser clerk = LicenceRetrievals.filer(order, order.createdBy(),
                staff.displayNames(List.of(order.createdBy())).getOrDefault(order.createdBy(), order.createdBy()));
        take(order, formKey.get(), Asker.clerk(clerk), clerk);
    }

    /**
     * The applicant's form on {@code /apply} became an order: as at the counter, in the submitting transaction; only
     * what was fetched with the order's own phone and certificate number is its.
     */
    @EventListener
    void on(OnlineApplicationReceived received) {
        if (received.formKey() == null || !received.formKey().matches(FORM_KEY)) {
            return;
        }
        Application order = orders.find(received.orderId()).orElseThrow();
        take(order, received.formKey(), Asker.APPLICANT, LicenceRetrievals.filer(order, LicenceRetrievals.APPLICANT, LicenceRetrievals.APPLICANT));
    }

    private void take(Application order, String formKey, Asker asker, CurrentUser filer) {
        List<CounterFetch> asked = rows.retrievedFor(formKey, asker.username(), clock.instant());
        if (asked.isEmpty()) {
            return;
        }
        Orders.ApplicantIdentity applicant = orders.applicantIdentity(order.id());
        String subjectIndex = cipher.blindIndex(applicant.subjectCode());
        String phoneIndex = cipher.blindIndex(applicant.phone().strip());
        for (CounterFetch f : asked) {
            if (!f.phoneIndex().equals(phoneIndex)) {
                // Online another phone's form is none of this order's business; at the counter the clerk changed the phone.
                if (!asker.online() && f.fetched()) {
                    audit.record(LicenceAudit.COUNTER_NOT_TAKEN, "application", order.orderNo(), "licenceKind=" + f.kind() + " licence="
                            + f.licenceNo());
                }
                continue;
            }
            if (!f.subjectIndex().equals(subjectIndex)) {
                if (f.fetched()) {
                    audit.record(asker.online() ? LicenceAudit.APPLY_FETCH_NOT_TAKEN : LicenceAudit.COUNTER_NOT_TAKEN, "application",
                            order.orderNo(), "licenceKind=" + f.kind() + " licence=" + f.licenceNo());
                }
                continue;
            }
            if (!f.fetched()) {
                // A retrieval that brought nothing is logged with the order all the same (R-LIC-2).
                retrievals.bindRetrieval(f.retrievalId(), order.id(), order.orderNo(), order.orgPath(), null);
                continue;
            }
            attach(order, f, filer, applicant, asker);
        }
        if (asker.online()) {
            rows.deleteForm(formKey, asker.username(), phoneIndex);
        } else {
            rows.deleteForm(formKey, asker.username());
        }
    }

    private void attach(Application order, CounterFetch f, CurrentUser clerk, Orders.ApplicantIdentity applicant, Asker asker) {
        byte[] file = Base64.getDecoder().decode(cipher.decrypt(f.fileSealed()));
        try {
            // A file the archive refuses must not cost the clerk the order: the savepoint takes back only this licence.
            savepoint.executeWithoutResult(status -> {
                Document document = materials.supplyFetched(order.id(), LicenceRetrievals.materialCodes(f.kind()),
                        new UploadedFile(f.fileName(), file), clerk);
                retrievals.bindRetrieval(f.retrievalId(), order.id(), order.orderNo(), order.orgPath(), document.id());
                retrievals.keepLicence(order.id(), f.kind(), f.licenceNo(), f.fields(), f.retrievalId(), f.requestedAt());
                CounterLicence licence = unsealed(f);
                List<String> taken = new ArrayList<>();
                if (Objects.equals(licence.formName(), applicant.name())) {
                    taken.add("name");
                }
                if (licence.formAddress() != null && licence.formAddress().equals(order.supplyAddress())) {
                    taken.add("address");
                }
                audit.record(asker.online() ? LicenceAudit.APPLY_FETCH_ATTACHED : LicenceAudit.COUNTER_ATTACHED, "application",
                        order.orderNo(), "licenceKind=" + f.kind() + " licence=" + f.licenceNo() + " document=" + document.id() + " taken="
                        + (taken.isEmpty() ? "-" : String.join(",", taken)) + " by=" + clerk.username());
            });
        } catch (DomainException refused) {
            audit.record(asker.online() ? LicenceAudit.APPLY_FETCH_NOT_TAKEN : LicenceAudit.COUNTER_NOT_TAKEN, "application", order.orderNo(),
                    "licenceKind=" + f.kind() + " licence=" + f.licenceNo());
        }
    }

    /** Abandoned forms keep nothing: what has expired is deleted. Idempotent, so every node may run it. */
    @Scheduled(fixedDelayString = "${yekuo.licence.counter.sweep-interval:PT10M}", initialDelayString = "${yekuo.licence.counter.sweep-interval:PT10M}")
    public int sweep() {
        return rows.deleteExpired(clock.instant());
    }

    /** A retrieval that brought nothing: logged, and noted on its consent so that the order the form becomes shows it. */
    private void logFailure(CounterFetch consent, String formKey, LicenceKind kind, RetrievalOutcome outcome, Asker asker) {
        transaction.executeWithoutResult(status -> {
            long retrievalId = retrievals.insertRetrieval(null, null, consent.orgPath(), kind, consent.holderMasked(), null, outcome,
                    asker.username(), clock.instant(), null);
            rows.noteFailure(consent.id(), kind, retrievalId);
            audit.record(asker.online() ? LicenceAudit.APPLY_RETRIEVAL_FAILED : LicenceAudit.COUNTER_RETRIEVAL_FAILED, "licence-form", formKey,
                    "licenceKind=" + kind + " outcome=" + outcome + " by=" + asker.username() + " registry=" + registry.name());
        });
    }

    private CounterLicence unsealed(CounterFetch f) {
        RetrievalRows.SealedFields s = f.fields();
        LocalDate today = LocalDate.now(clock);
        return new CounterLicence(f.kind(), f.licenceNo(), f.holderMasked(), unseal(s.name()), unseal(s.legalRepresentative()),
                unseal(s.address()), s.registeredCapital(), s.validFrom(), s.validUntil(), unseal(s.propertyLocation()), s.propertyArea(),
                f.usedAt(), LicenceRetrievals.expiresWithin(s.validUntil(), today), s.validUntil() != null && s.validUntil().isBefore(today));
    }

    private static String formKey(CounterForm form) {
        if (form.formKey() == null || !form.formKey().matches(FORM_KEY)) {
            throw DomainException.invalid("idempotencyKey", "licence.counter.form-key");
        }
        return form.formKey();
    }

    private static String subject(CounterForm form) {
        if (form.applicantKind() == null) {
            throw DomainException.invalid("applicantKind", "intake.field.applicant-kind");
        }
        return form.applicantKind() == ApplicantKind.PERSON ? ResidentIdNumber.parse("subjectCode", form.subjectCode()).value()
                : UnifiedSocialCreditCode.parse("subjectCode", form.subjectCode()).value();
    }

    private static String masked(ApplicantKind kind, String subject) {
        return kind == ApplicantKind.ORGANISATION ? Masking.creditCode(subject) : Masking.idNumber(subject);
    }

    private String seal(String value) {
        return value == null ? null : cipher.encrypt(value);
    }

    private String unseal(String sealed) {
        return sealed == null ? null : cipher.decrypt(sealed);
    }
}
