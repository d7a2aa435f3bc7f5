package org.yekuo.licence.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.licence.LicenceReading;
import org.yekuo.licence.LicenceReadings;
import org.yekuo.licence.PaperKind;
import org.yekuo.shared.DomainException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** What OCR read off an order's papers, and its confirmation by a person (R-LIC-3), for counter clerks in the order's scope. */
@RestController
@Tag(name = "Licence readings", description = "Fields read by OCR off scanned or photographed licences, confirmed or corrected by a person")
class ReadingApi {

    private final LicenceReadings readings;
    private final CurrentUsers users;
    private final MessageSource messages;

    ReadingApi(LicenceReadings readings, CurrentUsers users, MessageSource messages) {
        this.readings = readings;
        this.users = users;
        this.messages = messages;
    }

    @GetMapping("/api/licence-readings/{id}")
    @PreAuthorize("hasRole('CLERK')")
    @Operation(summary = "One reading: the paper's kind, the material it was filed as, each field with its value and confidence, "
            + "doubtful ones marked (below the confidence floor, unread or failing a check), and what a person confirmed. "
            + "404 for a reading that does not exist or lies outside the clerk's scope.")
    ReadingAnswer get(@PathVariable long id, Locale locale) {
        return ReadingAnswer.of(readings.get(id, users.require()), readings.confidenceFloor(), messages, locale);
    }

    @PostMapping("/api/licence-readings/{id}/confirm")
    @PreAuthorize("hasRole('CLERK')")
    @Operation(summary = "Confirm a reading's fields as read or corrected; only confirmed values are used. Credit codes and ID "
            + "numbers are checked as typed ones are; 422 names the field and what is allowed, 409 when it is confirmed already. "
            + "With take [\"name\", \"address\"] the confirmed name and address also become the order's applicant name and supply "
            + "address (audited).")
    ReadingAnswer confirm(@PathVariable long id, @RequestBody ConfirmRequest request, Locale locale) {
        if (request == null || request.values() == null) {
            throw DomainException.invalid("values", "licence.ocr.api.values-missing");
        }
        java.util.Set<String> take = request.take() == null ? java.util.Set.of() : java.util.Set.copyOf(request.take());
        return ReadingAnswer.of(readings.confirm(id, request.values(), take, users.require()), readings.confidenceFloor(), messages, locale);
    }

    /**
     * The values to confirm, by field name (those of the paper's kind: see a reading's {@code fields}); {@code take}
     * lists what is also written into the order's applicant fields: "name" (a property certificate's owner) and
     * "address" (its location).
     */
    record ConfirmRequest(Map<String, String> values, List<String> take) {
    }

    /** A field as read: {@code problem} says, in the reader's language, which check its value failed. */
    record FieldAnswer(String name, String label, String value, double confidence, boolean doubtful, String problem) {
    }

    record ReadingAnswer(long id, long orderId, long documentId, int pageNo, PaperKind kind, String slotMaterial, String filedMaterial,
            List<FieldAnswer> fields, double confidenceFloor, boolean confirmed, Map<String, String> confirmedValues, String readBy,
            Instant readAt, String confirmedBy, Instant confirmedAt) {

        static ReadingAnswer of(LicenceReading r, double floor, MessageSource messages, Locale locale) {
            List<FieldAnswer> fields = r.fields().stream().map(f -> new FieldAnswer(f.name(), messages.getMessage(f.labelKey(), null,
                    f.name(), locale), f.value(), f.confidence(), f.doubtful(floor),
                    f.problem() == null ? null : messages.getMessage(f.problem(), null, f.problem(), locale))).toList();
            return new ReadingAnswer(r.id(), r.orderId(), r.documentId(), r.pageNo(), r.kind(), r.slotMaterial(), r.filedMaterial(), fields,
                    floor, r.isConfirmed(), r.confirmed(), r.readBy(), r.readAt(), r.confirmedBy(), r.confirmedAt());
        }
    }
}
