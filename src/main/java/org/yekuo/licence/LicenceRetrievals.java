package org.yekuo.licence;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.document.Document;
import org.yekuo.document.UploadedFile;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.StaffMembers;
import org.yekuo.intake.ApplicantKind;
import org.yekuo.intake.Application;
import org.yekuo.intake.MaterialSupply;
import org.yekuo.intake.OrderProgress;
import org.yekuo.intake.Orders;
import org.yekuo.licence.internal.RetrievalRows;
import org.yekuo.notification.IssuedCode;
import org.yekuo.notification.VerificationCodes;
import org.yekuo.notification.VerificationPurpose;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Masking;
import org.yekuo.shared.PersonalDataCipher;

/**
 * Fetches an order's e-licences from the government data platform on the applicant's consent (R-LIC-1, R-LIC-2):
 * a consent code goes by SMS to the phone on the application and is good for this order and one retrieval; each
 * retrieval, whatever comes of it, is logged with who, when, which licence and which order. A licence that comes is
 * filed in the order's archive as its material (R-MAT-5) and watched for expiry (R-LIC-4). A platform that does not
 * know the code, is down or answers nonsense is said so, and the order goes on by hand.
 */
@Service
public class LicenceRetrievals {

    /** Who an applicant's own retrieval on their phone is recorded as (as intake records their application). */
    public static final String APPLICANT = "applicant";
    /** A licence that ends within this many days is flagged and reminded of (R-LIC-4). */
    public static final int EXPIRY_WARNING_DAYS = 30;

    private final Orders orders;
    private final OrderProgress progress;
    private final VerificationCodes codes;
    private final LicenceRegistry registry;
    private final MaterialSupply materials;
    private final RetrievalRows rows;
    private final StaffMembers staff;
    private final PersonalDataCipher cipher;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LicenceRetrievals(Orders orders, OrderProgress progress, VerificationCodes codes, LicenceRegistry registry, MaterialSupply materials,
            RetrievalRows rows, StaffMembers staff, PersonalDataCipher cipher, AuditTrail audit, MessageSource messages,
            PlatformTransactionManager transactions, Clock clock) {
        this.orders = orders;
        this.progress = progress;
        this.codes = codes;
        this.registry = registry;
        this.materials = materials;
        this.rows = rows;
        this.staff = staff;
        this.cipher = cipher;
        this.audit = audit;
        this.messages = messages;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What a retrieval brought: its log entry and, when the licence came, its fields for the form. */
    public record Fetched(Retrieval retrieval, FetchedLicence licence, boolean expiresSoon, boolean expired) {
    }

    /** The licences an order may fetch: by its applicant's kind, the subject's own licence and the property certificate. */
    public static List<LicenceKind> kindsFor(ApplicantKind applicant) {
        return applicant == ApplicantKind.ORGANISATION ? List.of(LicenceKind.BUSINESS_LICENCE, LicenceKind.PROPERTY_CERTIFICATE)
                : List.of(LicenceKind.ID_RECORD, LicenceKind.PROPERTY_CERTIFICATE);
    }

    /** A member of staff in the order's scope asks the applicant's consent: a code goes to the phone on the application. */
    public IssuedCode askConsent(long orderId, CurrentUser user, String clientIp) {
        orders.view(orderId, user);
        return askConsent(openOrder(orderId), user.username(), clientIp);
    }

    /** The applicant on their progress page asks for a consent code to their own phone. */
    public IssuedCode askConsentOnline(String progressToken, String clientIp) {
        return askConsent(openOrder(byToken(progressToken)), APPLICANT, clientIp);
    }

    /** A member of staff fetches with the consent code the applicant read out or showed them. */
    public Fetched fetch(long orderId, LicenceKind kind, String code, CurrentUser user) {
        orders.view(orderId, user);
        return fetch(openOrder(orderId), kind, code, user);
    }

    /** The applicant fetches from their progress page with the code their phone got. */
    public Fetched fetchOnline(String progressToken, LicenceKind kind, String code) {
        Application order = openOrder(byToken(progressToken));
        return fetch(order, kind, code, filer(order, APPLICANT, APPLICANT));
    }

    /** The order's retrievals, newest first, for staff in its scope. */
    public List<Retrieval> ofOrder(long orderId, CurrentUser user) {
        orders.view(orderId, user);
        return named(rows.ofOrder(orderId));
    }

    /** The order's retrievals for its applicant's progress page; who fetched is said by role, not by name. */
    public List<Retrieval> ofOrderByToken(String progressToken) {
        return rows.ofOrder(byToken(progressToken));
    }

    /** The licences an order rests on, with their fields and validity, for staff in its scope. */
    public List<OrderLicence> licencesOf(long orderId, CurrentUser user) {
        orders.view(orderId, user);
        return rows.licencesOf(orderId).stream().map(this::unsealed).toList();
    }

    /** The licences the applicant behind a progress link may fetch. */
    public List<LicenceKind> kindsByToken(String progressToken) {
        return kindsFor(orders.applicantIdentity(byToken(progressToken)).kind());
    }

    /** The licences of the order behind a progress link, for its applicant. */
    public List<OrderLicence> licencesByToken(String progressToken) {
        return rows.licencesOf(byToken(progressToken)).stream().map(this::unsealed).toList();
    }

    /**
     * The person who sees the fetched fields confirms them, correcting what the licence and the applicant's papers say
     * differently (R-LIC-1); a corrected end of validity is what the expiry watch then follows.
     */
    public OrderLicence confirm(long orderId, LicenceKind kind, LicenceFieldsInput input, CurrentUser user) {
        return confirm(orderId, kind, input, Set.of(), user);
    }

    /**
     * {@link #confirm(long, LicenceKind, LicenceFieldsInput, CurrentUser)}, and the licence's name and address (a
     * property certificate's location) written into the order's applicant fields where the person chose to take them
     * ({@code take}: "name", "address").
     */
    public OrderLicence confirm(long orderId, LicenceKind kind, LicenceFieldsInput input, Set<String> take, CurrentUser user) {
        orders.view(orderId, user);
        return confirm(orderId, kind, input, take, user.username());
    }

    /** The applicant confirms the fields of a licence they fetched on their phone. */
    public OrderLicence confirmOnline(String progressToken, LicenceKind kind, LicenceFieldsInput input, Set<String> take) {
        return confirm(byToken(progressToken), kind, input, take, APPLICANT);
    }

    private OrderLicence confirm(long orderId, LicenceKind kind, LicenceFieldsInput input, Set<String> take, String actor) {
        Application order = openOrder(orderId);
        LicenceFieldsInput.Parsed f = input.parse();
        return transaction.execute(status -> {
            RetrievalRows.KeptLicence before = rows.licencesOf(orderId).stream().filter(l -> l.kind() == kind).findFirst()
                    .orElseThrow(() -> DomainException.invalid("kind", "licence.registry.fields.not-fetched"));
            OrderLicence was = unsealed(before);
            rows.confirm(orderId, kind, new RetrievalRows.SealedFields(cipher.encrypt(f.name()), seal(f.legalRepresentative()),
                    seal(f.address()), f.registeredCapital(), f.validFrom(), f.validUntil(), seal(f.propertyLocation()), f.propertyArea()),
                    actor, clock.instant());
            List<String> corrected = new java.util.ArrayList<>();
            compare(corrected, "name", was.name(), f.name());
            compare(corrected, "legalRepresentative", was.legalRepresentative(), f.legalRepresentative());
            compare(corrected, "address", was.address(), f.address());
            compare(corrected, "registeredCapital", was.registeredCapital(), f.registeredCapital());
            compare(corrected, "validFrom", was.validFrom(), f.validFrom());
            compare(corrected, "validUntil", was.validUntil(), f.validUntil());
            compare(corrected, "propertyLocation", was.propertyLocation(), f.propertyLocation());
            compare(corrected, "propertyArea", was.propertyArea(), f.propertyArea());
            audit.record(LicenceAudit.FIELDS_CONFIRMED, "application", order.orderNo(), "licenceKind=" + kind + " corrected="
                    + (corrected.isEmpty() ? "-" : String.join(",", corrected)) + " by=" + actor);
            orders.takeFromLicence(orderId, take.contains("name") ? f.name() : null,
                    take.contains("address") ? (kind == LicenceKind.PROPERTY_CERTIFICATE ? f.propertyLocation() : f.address()) : null,
                    kind.name(), actor);
            return unsealed(rows.licence(before.id()).orElseThrow());
        });
    }

    private static void compare(List<String> corrected, String field, Object was, Object now) {
        boolean same = was instanceof BigDecimal a && now instanceof BigDecimal b ? a.compareTo(b) == 0 : java.util.Objects.equals(was, now);
        if (!same) {
            corrected.add(field);
        }
    }

    private String seal(String value) {
        return value == null ? null : cipher.encrypt(value);
    }

    private String unseal(String sealed) {
        return sealed == null ? null : cipher.decrypt(sealed);
    }

    private OrderLicence unsealed(RetrievalRows.KeptLicence l) {
        RetrievalRows.SealedFields f = l.fields();
        LocalDate today = LocalDate.now(clock);
        return new OrderLicence(l.id(), l.orderId(), l.kind(), l.licenceNo(), unseal(f.name()), unseal(f.legalRepresentative()),
                unseal(f.address()), f.registeredCapital(), f.validFrom(), f.validUntil(), unseal(f.propertyLocation()), f.propertyArea(),
                l.fetchedAt(), l.confirmedBy(), l.confirmedAt(), expiresWithin(f.validUntil(), today),
                f.validUntil() != null && f.validUntil().isBefore(today));
    }

    /** The retrieval log across orders of the reader's scope (the auditor's is the whole company), newest first. */
    public LogPage log(CurrentUser user, int page, int size) {
        String scope = user.scope().likePattern();
        return new LogPage(named(rows.page(scope, page, size)), rows.count(scope), page, size);
    }

    public record LogPage(List<Retrieval> retrievals, long total, int page, int size) {
    }

    private IssuedCode askConsent(Application order, String actor, String clientIp) {
        Orders.ApplicantIdentity applicant = orders.applicantIdentity(order.id());
        return transaction.execute(status -> {
            rows.insertConsent(order.id(), cipher.blindIndex(applicant.phone().strip()), actor, clock.instant());
            IssuedCode issued = codes.issue(applicant.phone(), VerificationPurpose.LICENCE_CONSENT, clientIp);
            audit.record(LicenceAudit.CONSENT_ASKED, "application", order.orderNo(), "by=" + actor);
            return issued;
        });
    }

    private Fetched fetch(Application order, LicenceKind kind, String code, CurrentUser filer) {
        String actor = filer.username();
        Orders.ApplicantIdentity applicant = orders.applicantIdentity(order.id());
        List<LicenceKind> allowed = kindsFor(applicant.kind());
        if (kind == null || !allowed.contains(kind)) {
            throw DomainException.invalid("kind", "licence.registry.retrieval.kind",
                    allowed.stream().map(LicenceKind::name).collect(Collectors.joining(", ")));
        }
        String holderMasked = applicant.kind() == ApplicantKind.ORGANISATION ? Masking.creditCode(applicant.subjectCode())
                : Masking.idNumber(applicant.subjectCode());
        transaction.executeWithoutResult(status -> {
            String phoneIndex = cipher.blindIndex(applicant.phone().strip());
            RetrievalRows.Consent consent = rows.latestConsent(phoneIndex).filter(c -> c.orderId() == order.id())
                    .orElseThrow(() -> DomainException.invalid("code", "licence.consent.none"));
            if (consent.usedAt() != null) {
                throw DomainException.invalid("code", "licence.consent.used");
            }
            codes.verify(applicant.phone(), VerificationPurpose.LICENCE_CONSENT, code);
            if (!rows.useConsent(consent.id(), clock.instant())) {
                throw DomainException.invalid("code", "licence.consent.used");
            }
        });
        // The consent is spent on this one call, whatever comes of it; the platform is asked outside any transaction.
        FetchedLicence licence;
        try {
            licence = registry.fetch(kind, applicant.subjectCode());
        } catch (LicencePlatformException e) {
            RetrievalOutcome outcome = RetrievalOutcome.valueOf(e.reason().name());
            logFailure(order, kind, holderMasked, outcome, actor);
            throw refusal(e.reason(), holderMasked);
        }
        if (!licence.holderCode().equalsIgnoreCase(applicant.subjectCode())) {
            logFailure(order, kind, holderMasked, RetrievalOutcome.MALFORMED, actor);
            throw refusal(LicencePlatformException.Reason.MALFORMED, holderMasked);
        }
        try {
            return transaction.execute(status -> keep(order, kind, licence, holderMasked, filer));
        } catch (DomainException e) {
            // The archive refused the file as the platform sent it: logged as an answer that is not a licence.
            logFailure(order, kind, holderMasked, RetrievalOutcome.MALFORMED, actor);
            throw refusal(LicencePlatformException.Reason.MALFORMED, holderMasked);
        }
    }

    private Fetched keep(Application order, LicenceKind kind, FetchedLicence licence, String holderMasked, CurrentUser filer) {
        Instant now = clock.instant();
        String actor = filer.username();
        Document document = materials.supplyFetched(order.id(), materialCodes(kind), new UploadedFile(archiveName(licence, messages),
                licence.file().content()), filer);
        long id = rows.insertRetrieval(order.id(), order.orderNo(), order.orgPath(), kind, holderMasked, licence.licenceNo(),
                RetrievalOutcome.RETRIEVED, actor, now, document.id());
        rows.keepLicence(order.id(), kind, licence.licenceNo(), new RetrievalRows.SealedFields(cipher.encrypt(licence.name()),
                seal(licence.legalRepresentative()), seal(licence.address()), licence.registeredCapital(), licence.validFrom(),
                licence.validUntil(), seal(licence.propertyLocation()), licence.propertyArea()), id, now);
        audit.record(LicenceAudit.RETRIEVED, "application", order.orderNo(), "licenceKind=" + kind + " licence=" + licence.licenceNo()
                + " document=" + document.id() + " by=" + actor + " registry=" + registry.name());
        LocalDate today = LocalDate.now(clock);
        return new Fetched(named(List.of(rows.retrieval(id))).get(0), licence, expiresWithin(licence.validUntil(), today),
                licence.expiredOn(today));
    }

    /** The name the archive shows: where the file came from, which licence, and its own extension (zh, as the archive's names are). */
    static String archiveName(FetchedLicence licence, MessageSource messages) {
        String name = licence.file().fileName();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot).replaceAll("[^.A-Za-z0-9]", "");
        return messages.getMessage("licence.registry.file-name", new Object[] {messages.getMessage(licence.kind().messageKey(), null,
                Locale.SIMPLIFIED_CHINESE), licence.licenceNo().replaceAll("[\\\\/\\p{Cntrl}]", "")}, Locale.SIMPLIFIED_CHINESE) + extension;
    }

    /** True when a licence still holds today but ends within {@link #EXPIRY_WARNING_DAYS}. */
    public static boolean expiresWithin(LocalDate validUntil, LocalDate today) {
        return validUntil != null && !validUntil.isBefore(today) && !validUntil.isAfter(today.plusDays(EXPIRY_WARNING_DAYS));
    }

    private void logFailure(Application order, LicenceKind kind, String holderMasked, RetrievalOutcome outcome, String actor) {
        transaction.executeWithoutResult(status -> {
            rows.insertRetrieval(order.id(), order.orderNo(), order.orgPath(), kind, holderMasked, null, outcome, actor, clock.instant(), null);
            audit.record(LicenceAudit.RETRIEVAL_FAILED, "application", order.orderNo(), "licenceKind=" + kind + " outcome=" + outcome
                    + " by=" + actor + " registry=" + registry.name());
        });
    }

    static DomainException refusal(LicencePlatformException.Reason reason, String holderMasked) {
        return switch (reason) {
            case NOT_FOUND -> DomainException.invalid("subjectCode", "licence.registry.not-found", holderMasked);
            case UNAVAILABLE -> new DomainException(HttpStatus.SERVICE_UNAVAILABLE, "licence.registry.unavailable");
            case MALFORMED -> new DomainException(HttpStatus.BAD_GATEWAY, "licence.registry.malformed");
        };
    }

    /** Where the licence is filed: the checklist's own material for it first, else the subject qualification. */
    static List<String> materialCodes(LicenceKind kind) {
        return switch (kind) {
            case BUSINESS_LICENCE, ID_RECORD -> List.of(kind.materialCode(), "SUBJECT_QUALIFICATION");
            case PROPERTY_CERTIFICATE -> List.of(kind.materialCode(), "PROPERTY_OR_LAND_USE_PROOF", "ROOF_PROPERTY_PROOF");
        };
    }

    private Application openOrder(long orderId) {
        Application order = orders.find(orderId).orElseThrow(() -> DomainException.notFound("intake.order.not-found", Long.toString(orderId)));
        if (!order.status().open()) {
            throw DomainException.conflict("licence.registry.retrieval.order-closed", order.orderNo());
        }
        return order;
    }

    private long byToken(String token) {
        return progress.orderIdByToken(token).orElseThrow(() -> DomainException.notFound("licence.registry.retrieval.unknown-token"));
    }

    static CurrentUser filer(Application order, String username, String displayName) {
        return new CurrentUser(0, username, displayName, order.orgUnitId(), "", "", order.orgPath(), order.orgPath(), Set.of());
    }

    private List<Retrieval> named(List<Retrieval> retrievals) {
        Map<String, String> names = staff.displayNames(retrievals.stream().map(Retrieval::retrievedBy).distinct().toList());
        return retrievals.stream().map(r -> r.named(names.getOrDefault(r.retrievedBy(), r.retrievedBy()))).toList();
    }
}
