package org.yekuo.licence.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.licence.FetchedLicence;
import org.yekuo.licence.LicenceKind;
import org.yekuo.licence.LicenceRetrievals;
import org.yekuo.licence.Retrieval;
import org.yekuo.licence.RetrievalOutcome;
import org.yekuo.notification.IssuedCode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** E-licence retrieval on the applicant's consent (R-LIC-1, R-LIC-2): at the counter, on the applicant's phone, and its log. */
@RestController
@Tag(name = "E-licences", description = "Licences fetched from the government data platform on the applicant's SMS consent")
class LicenceApi {

    private final LicenceRetrievals retrievals;
    private final CurrentUsers users;

    LicenceApi(LicenceRetrievals retrievals, CurrentUsers users) {
        this.retrievals = retrievals;
        this.users = users;
    }

    @PostMapping("/api/orders/{orderId}/licence-consents")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('CLERK')")
    @Operation(summary = "Ask the applicant's consent: a 6-digit code goes by SMS to the phone on the application, valid 5 minutes "
            + "for this order and one retrieval; rate-limited like every verification code (429 says when to retry). Clerk, in scope.")
    IssuedCode askConsent(@PathVariable long orderId, HttpServletRequest request) {
        return retrievals.askConsent(orderId, users.require(), request.getRemoteAddr());
    }

    @PostMapping("/api/orders/{orderId}/licences")
    @PreAuthorize("hasRole('CLERK')")
    @Operation(summary = "Fetch one licence of the order's applicant with the consent code; the licence is filed in the order's archive "
            + "and its fields answered for the form. 422 names the field (kind, code, subjectCode); 503 when the platform is down or slow, "
            + "502 when it answers nonsense: the consent is spent either way and the order goes on by hand. Clerk, in scope.")
    FetchAnswer fetch(@PathVariable long orderId, @RequestBody FetchRequest request) {
        return FetchAnswer.of(retrievals.fetch(orderId, request.kind(), request.code(), users.require()));
    }

    @GetMapping("/api/orders/{orderId}/licence-retrievals")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "The order's retrievals, newest first: who, when, which licence, what came of it. Order readers, in scope.")
    List<RetrievalEntry> ofOrder(@PathVariable long orderId) {
        return retrievals.ofOrder(orderId, users.require()).stream().map(RetrievalEntry::of).toList();
    }

    @GetMapping("/api/licences/retrievals")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "The retrieval log across orders of the auditor's scope, newest first, 50 a page at most.")
    LogAnswer log(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        var found = retrievals.log(users.require(), Math.max(0, page), Math.min(Math.max(1, size), 50));
        return new LogAnswer(found.retrievals().stream().map(RetrievalEntry::of).toList(), found.total(), found.page(), found.size());
    }

    @PostMapping("/api/public/progress/{token}/licence-consents")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "The applicant asks, from the progress link, for a consent code to the phone on the application; "
            + "the code proves the phone's holder. Public.")
    IssuedCode askConsentOnline(@PathVariable String token, HttpServletRequest request) {
        return retrievals.askConsentOnline(token, request.getRemoteAddr());
    }

    @PostMapping("/api/public/progress/{token}/licences")
    @Operation(summary = "The applicant fetches one licence with the consent code from their phone; as the counter's fetch. Public.")
    FetchAnswer fetchOnline(@PathVariable String token, @RequestBody FetchRequest request) {
        return FetchAnswer.of(retrievals.fetchOnline(token, request.kind(), request.code()));
    }

    /** Which licence to fetch and the consent code from the applicant's phone. */
    record FetchRequest(LicenceKind kind, String code) {
    }

    /** One logged retrieval; {@code retrievedBy} is a staff username or {@code applicant}. */
    record RetrievalEntry(long id, String orderNo, LicenceKind kind, String holderMasked, String licenceNo, RetrievalOutcome outcome,
            String retrievedBy, String retrievedByName, Instant retrievedAt, Long documentId) {

        static RetrievalEntry of(Retrieval r) {
            return new RetrievalEntry(r.id(), r.orderNo(), r.kind(), r.holderMasked(), r.licenceNo(), r.outcome(), r.retrievedBy(),
                    r.retrievedByName(), r.retrievedAt(), r.documentId());
        }
    }

    record LogAnswer(List<RetrievalEntry> retrievals, long total, int page, int size) {
    }

    /** The licence's fields for the form, which the person checks and may correct; validUntil null means without limit. */
    record LicenceFields(LicenceKind kind, String licenceNo, String name, String legalRepresentative, String address,
            BigDecimal registeredCapital, LocalDate validFrom, LocalDate validUntil, String propertyLocation, BigDecimal propertyArea,
            String issuer) {

        static LicenceFields of(FetchedLicence l) {
            return new LicenceFields(l.kind(), l.licenceNo(), l.name(), l.legalRepresentative(), l.address(), l.registeredCapital(),
                    l.validFrom(), l.validUntil(), l.propertyLocation(), l.propertyArea(), l.issuer());
        }
    }

    /** The logged retrieval, the licence's fields, and whether it ends within 30 days or has ended (R-LIC-4). */
    record FetchAnswer(RetrievalEntry retrieval, LicenceFields licence, boolean expiresSoon, boolean expired) {

        static FetchAnswer of(LicenceRetrievals.Fetched fetched) {
            return new FetchAnswer(RetrievalEntry.of(fetched.retrieval()), LicenceFields.of(fetched.licence()), fetched.expiresSoon(),
                    fetched.expired());
        }
    }
}
