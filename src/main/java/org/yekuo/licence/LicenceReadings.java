package org.yekuo.licence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.document.UploadedFile;
import org.yekuo.identity.CurrentUser;
import org.yekuo.intake.ApplicationMaterial;
import org.yekuo.intake.MaterialSupply;
import org.yekuo.intake.OrderView;
import org.yekuo.intake.Orders;
import org.yekuo.intake.ResidentIdNumber;
import org.yekuo.intake.UnifiedSocialCreditCode;
import org.yekuo.licence.internal.LicenceText;
import org.yekuo.licence.internal.ReadingRows;
import org.yekuo.licence.internal.ScannedPages;
import org.yekuo.licence.internal.ScannedPages.Page;
import org.yekuo.shared.DomainException;

/**
 * Reads the papers of an order (R-LIC-3, R-LIC-5, R-DOC-1). A photo, a scan or a multi-page PDF from the counter's
 * scanner is split into pages; each page is read by OCR, recognised by what it says and filed as the material it
 * is, whatever slot it was given for; the pages of one material are bound into one document of the order, which
 * the archive keeps encrypted. A licence, property certificate or ID card read well enough becomes a reading whose
 * fields a person confirms or corrects; nothing read is used before that. One scan is one transaction: a refused
 * file leaves nothing behind.
 */
@Service
public class LicenceReadings {

    /** Fields that must be present for a confirmed reading to be worth anything. */
    private static final Map<PaperKind, List<String>> REQUIRED = Map.of(
            PaperKind.BUSINESS_LICENCE, List.of("creditCode", "name"),
            PaperKind.PROPERTY_CERTIFICATE, List.of("owner", "location"),
            PaperKind.ID_CARD, List.of("name", "idNumber"));
    static final int MAX_VALUE = 200;

    /** What became of one page: its kind if recognised, the material it was filed as, its reading, and what to tell. */
    public record PageOutcome(String fileName, int pageNo, PaperKind kind, String filedMaterial, Long readingId, String noteKey) {
    }

    /** A page once read: what it is, the material it is filed as, what was read off it and what the person is told. */
    private record Sorted(Page page, Optional<PaperKind> kind, String material, List<ReadField> fields, String noteKey) {
    }

    /** A paper read before its order exists, kept nowhere: its fields fill the acceptance form once confirmed. */
    public record ReadPaper(PaperKind kind, List<ReadField> fields) {
    }

    private final Orders orders;
    private final MaterialSupply supply;
    private final TransactionTemplate transactions;
    private final TextRecognizer recognizer;
    private final ReadingRows rows;
    private final AuditTrail audit;
    private final Clock clock;
    private final double floor;
    private final int maxPages;
    private final long maxBytes;

    LicenceReadings(Orders orders, MaterialSupply supply, TransactionTemplate transactions, TextRecognizer recognizer, ReadingRows rows,
            AuditTrail audit, Clock clock,
            @Value("${yekuo.licence.ocr.confidence-floor:0.85}") double floor,
            @Value("${yekuo.licence.scan.max-pages:20}") int maxPages,
            @Value("${yekuo.licence.scan.max-file-bytes:20971520}") long maxBytes) {
        this.orders = orders;
        this.supply = supply;
        this.transactions = transactions;
        this.recognizer = recognizer;
        this.rows = rows;
        this.audit = audit;
        this.clock = clock;
        this.floor = floor;
        this.maxPages = maxPages;
        this.maxBytes = maxBytes;
    }

    /** Below this confidence a field is highlighted for the person confirming it. */
    public double confidenceFloor() {
        return floor;
    }

    /** Whether papers are read at all here; without OCR they are still filed and people type the fields. */
    public boolean ocrAvailable() {
        return recognizer.available();
    }

    /**
     * The counter channel (R-LIC-5): files the clerk scanned for an order, given as {@code slot}. Every page is
     * filed; licences read well enough get a reading to confirm; the outcome says of each page what it was taken for.
     */
    @PreAuthorize("hasRole('CLERK')")
    public List<PageOutcome> scan(long orderId, String slot, List<UploadedFile> files, CurrentUser user) {
        OrderView order = orders.view(orderId, user);
        List<String> checklist = order.materials().stream().map(ApplicationMaterial::materialCode).toList();
        if (slot == null || !checklist.contains(slot)) {
            throw DomainException.invalid("slot", "licence.scan.slot", slot == null ? "" : slot);
        }
        List<UploadedFile> given = files.stream().filter(f -> f.size() > 0 || f.fileName() != null && !f.fileName().isBlank()).toList();
        if (given.isEmpty()) {
            throw DomainException.invalid("file", "licence.scan.no-file");
        }
        List<Page> pages = new ArrayList<>();
        for (UploadedFile file : given) {
            pages.addAll(ScannedPages.of(name(file), bytes(file), maxPages));
            if (pages.size() > maxPages) {
                throw DomainException.invalid("file", "licence.scan.too-many-pages", name(file), maxPages);
            }
        }
        boolean reading = recognizer.available();
        List<Sorted> sorted = new ArrayList<>();
        for (Page page : pages) {
            if (!reading) {
                sorted.add(new Sorted(page, Optional.empty(), slot, List.of(), "licence.scan.note.unread"));
                continue;
            }
            LicenceText.Result text = LicenceText.read(recognizer.read(page.image()));
            if (text.kind().isEmpty()) {
                sorted.add(new Sorted(page, Optional.empty(), slot, List.of(), "licence.scan.note.not-a-licence"));
                continue;
            }
            PaperKind kind = text.kind().get();
            String material = kind.materials().contains(slot) ? slot
                    : kind.materials().stream().filter(checklist::contains).findFirst().orElse(slot);
            boolean readable = text.fields().stream().filter(f -> !f.doubtful(floor)).count() * 2 >= kind.fields().size();
            String note = !readable ? "licence.scan.note.blurred"
                    : !material.equals(slot) ? "licence.scan.note.refiled"
                    : !kind.materials().contains(slot) ? "licence.scan.note.kind-not-on-checklist" : null;
            sorted.add(new Sorted(page, Optional.of(kind), material, readable ? text.fields() : List.of(), note));
        }

        // Reading takes seconds a page and holds no connection; filing is one transaction, so a refused file keeps nothing.
        return transactions.execute(status -> filed(order, slot, sorted, user));
    }

    /** Binds the pages of each material into one document of the order and keeps the readings of the licences among them. */
    private List<PageOutcome> filed(OrderView order, String slot, List<Sorted> sorted, CurrentUser user) {
        Map<String, List<Sorted>> byMaterial = new LinkedHashMap<>();
        sorted.forEach(s -> byMaterial.computeIfAbsent(s.material(), k -> new ArrayList<>()).add(s));
        List<PageOutcome> outcomes = new ArrayList<>();
        var now = clock.instant();
        for (var group : byMaterial.entrySet()) {
            List<Page> groupPages = group.getValue().stream().map(Sorted::page).toList();
            byte[] bound = ScannedPages.bound(groupPages);
            String fileName = groupPages.size() == 1 ? groupPages.get(0).fileName()
                    : group.getKey().toLowerCase() + "-" + groupPages.size() + ".pdf";
            ApplicationMaterial filed = supply.supply(order.id(), group.getKey(), new UploadedFile(fileName, bound), user);
            int pageNo = 0;
            for (Sorted s : group.getValue()) {
                pageNo++;
                Long readingId = s.fields().isEmpty() ? null
                        : rows.insert(order.id(), filed.documentId(), pageNo, s.kind().get(), slot, s.material(), s.fields(), user.username(), now);
                outcomes.add(new PageOutcome(s.page().fileName(), s.page().pageNo(), s.kind().orElse(null), s.material(), readingId,
                        s.noteKey()));
            }
        }
        long read = outcomes.stream().filter(o -> o.readingId() != null).count();
        audit.record(LicenceAudit.SCANNED, "application", order.orderNo(), "material=" + slot + " pages=" + sorted.size() + " documents="
                + byMaterial.size() + " readings=" + read + " refiled=" + outcomes.stream().filter(o -> !o.filedMaterial().equals(slot)).count());
        return outcomes;
    }

    /** The readings of an order, for the counter clerk in scope. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('CLERK')")
    public List<LicenceReading> ofOrder(long orderId, CurrentUser user) {
        orders.view(orderId, user);
        return rows.ofOrder(orderId);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('CLERK')")
    public LicenceReading get(long readingId, CurrentUser user) {
        LicenceReading reading = rows.get(readingId).orElseThrow(() -> DomainException.notFound("licence.ocr.reading-not-found", readingId));
        orders.view(reading.orderId(), user);
        return reading;
    }

    /**
     * A person confirms a reading's fields, as read or corrected (R-LIC-3). The numbers with check characters are
     * checked as typed ones are; the fields that identify the paper must be present. Only after this are the
     * values used.
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public LicenceReading confirm(long readingId, Map<String, String> values, CurrentUser user) {
        return confirm(readingId, values, java.util.Set.of(), user);
    }

    /**
     * {@link #confirm(long, Map, CurrentUser)}, and the confirmed name (a property certificate's owner) and address
     * (its location) written into the order's applicant fields where the person chose to take them ({@code take}:
     * "name", "address").
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public LicenceReading confirm(long readingId, Map<String, String> values, java.util.Set<String> take, CurrentUser user) {
        LicenceReading reading = get(readingId, user);
        if (reading.isConfirmed()) {
            throw DomainException.conflict("licence.ocr.already-confirmed");
        }
        Map<String, String> confirmed = validated(reading.kind(), values);
        if (!rows.confirm(readingId, confirmed, user.username(), clock.instant())) {
            throw DomainException.conflict("licence.ocr.already-confirmed");
        }
        long corrected = reading.fields().stream().filter(f -> !f.value().equals(confirmed.getOrDefault(f.name(), ""))).count();
        audit.record(LicenceAudit.CONFIRMED, "application", orders.view(reading.orderId(), user).orderNo(), "paperKind="
                + reading.kind() + " document=" + reading.documentId() + " corrected=" + corrected);
        boolean property = reading.kind() == PaperKind.PROPERTY_CERTIFICATE;
        orders.takeFromLicence(reading.orderId(), take.contains("name") ? confirmed.get(property ? "owner" : "name") : null,
                take.contains("address") ? confirmed.get(property ? "location" : "address") : null, reading.kind().name(), user.username());
        return rows.get(readingId).orElseThrow();
    }

    /**
     * A photo of a licence read at the counter before the application is accepted (R-LIC-3): nothing is kept, and
     * the fields fill the acceptance form only through {@link #confirmForApplication}. Refused, with
     * advice to photograph it again or type the fields, when OCR is missing, the photo shows no licence or is too blurred.
     */
    @PreAuthorize("hasRole('CLERK')")
    public ReadPaper readForApplication(UploadedFile photo) {
        if (!recognizer.available()) {
            throw DomainException.conflict("licence.ocr.unavailable");
        }
        List<Page> pages = ScannedPages.of(name(photo), bytes(photo), 1);
        LicenceText.Result text = LicenceText.read(recognizer.read(pages.get(0).image()));
        PaperKind kind = text.kind().orElseThrow(() -> DomainException.invalid("file", "licence.ocr.not-a-licence", name(photo)));
        if (text.fields().stream().filter(f -> !f.doubtful(floor)).count() * 2 < kind.fields().size()) {
            throw DomainException.invalid("file", "licence.ocr.too-blurred", name(photo));
        }
        return new ReadPaper(kind, text.fields());
    }

    /**
     * What a person confirmed of a paper read for a new application, checked as {@link #confirm} checks, as the
     * acceptance form's fields: the applicant's kind, name and certificate number, and the address shown.
     */
    @PreAuthorize("hasRole('CLERK')")
    public Map<String, String> confirmForApplication(PaperKind kind, Map<String, String> values) {
        return formValues(kind, validated(kind, values));
    }

    /** The application form's fields that confirmed values of a paper fill: applicant kind, name, certificate number, address. */
    static Map<String, String> formValues(PaperKind kind, Map<String, String> confirmed) {
        Map<String, String> form = new LinkedHashMap<>();
        switch (kind) {
            case BUSINESS_LICENCE -> {
                form.put("applicantKind", "ORGANISATION");
                form.put("subjectCode", confirmed.get("creditCode"));
                form.put("applicantName", confirmed.get("name"));
                form.put("supplyAddress", confirmed.get("address"));
            }
            case ID_CARD -> {
                form.put("applicantKind", "PERSON");
                form.put("subjectCode", confirmed.get("idNumber"));
                form.put("applicantName", confirmed.get("name"));
                form.put("supplyAddress", confirmed.get("address"));
            }
            case PROPERTY_CERTIFICATE -> {
                form.put("applicantName", confirmed.get("owner"));
                form.put("supplyAddress", confirmed.get("location"));
            }
        }
        form.values().removeIf(v -> v == null || v.isEmpty());
        return form;
    }

    static Map<String, String> validated(PaperKind kind, Map<String, String> values) {
        Map<String, String> confirmed = new LinkedHashMap<>();
        for (String field : kind.fields()) {
            String value = values.getOrDefault(field, "");
            value = value == null ? "" : value.strip();
            if (value.length() > MAX_VALUE) {
                throw DomainException.invalid(field, "licence.ocr.value-too-long", MAX_VALUE);
            }
            if (value.chars().anyMatch(c -> Character.isISOControl(c) || c == '<' || c == '>')) {
                throw DomainException.invalid(field, "licence.ocr.value-characters");
            }
            confirmed.put(field, value);
        }
        for (String field : REQUIRED.get(kind)) {
            if (confirmed.get(field).isEmpty()) {
                throw DomainException.invalid(field, "licence.ocr.required");
            }
        }
        if (confirmed.containsKey("creditCode")) {
            confirmed.put("creditCode", UnifiedSocialCreditCode.parse("creditCode", confirmed.get("creditCode")).value());
        }
        if (confirmed.containsKey("idNumber")) {
            confirmed.put("idNumber", ResidentIdNumber.parse("idNumber", confirmed.get("idNumber")).value());
        }
        return confirmed;
    }

    byte[] bytes(UploadedFile file) {
        if (file.size() > maxBytes) {
            throw DomainException.invalid("file", "licence.scan.file-too-large", name(file), maxBytes / (1024 * 1024));
        }
        try (InputStream in = file.content().open()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw DomainException.invalid("file", "licence.scan.file-too-large", name(file), maxBytes / (1024 * 1024));
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(UploadedFile file) {
        return file.fileName() == null || file.fileName().isBlank() ? "file" : file.fileName().strip();
    }
}
