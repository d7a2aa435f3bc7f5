package org.yekuo.licence;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.document.UploadedFile;
import org.yekuo.intake.ApplicationMaterial;
import org.yekuo.intake.MaterialSupply;
import org.yekuo.intake.OrderProgress;
import org.yekuo.intake.Orders;
import org.yekuo.licence.internal.LicenceText;
import org.yekuo.licence.internal.ReadingRows;
import org.yekuo.licence.internal.ScannedPages;
import org.yekuo.shared.DomainException;

/**
 * Photos the applicant uploads from the progress page for a material still missing (R-LIC-3, R-DOC-1), read as the
 * counter's scans are: the same text recogniser, recognised by what they say and filed as that material whatever
 * slot they were given for; a licence, property certificate or ID card read well enough becomes a reading that the
 * applicant confirms or corrects on their phone before its fields count. Anything else, or any photo where OCR is not
 * installed, is filed as given, as before.
 */
@Service
public class ApplicantReadings {

    /** Who the applicant is in the readings and the audit trail, as for their other own actions. */
    static final String APPLICANT = LicenceRetrievals.APPLICANT;

    private final LicenceReadings readings;
    private final TextRecognizer recognizer;
    private final MaterialSupply supply;
    private final OrderProgress progress;
    private final Orders orders;
    private final ReadingRows rows;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock;

    ApplicantReadings(LicenceReadings readings, TextRecognizer recognizer, MaterialSupply supply, OrderProgress progress, Orders orders,
            ReadingRows rows, TransactionTemplate transactions, AuditTrail audit, Clock clock) {
        this.readings = readings;
        this.recognizer = recognizer;
        this.supply = supply;
        this.progress = progress;
        this.orders = orders;
        this.rows = rows;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /** What became of an upload: the material it was filed as, and the reading to confirm when it was a licence read well. */
    public record Upload(String filedMaterial, Long readingId, PaperKind kind) {
    }

    /** The applicant uploads a photo or scan for {@code slot}, a material the order still misses. */
    public Upload upload(String token, String slot, UploadedFile file) {
        long orderId = orderOf(token);
        byte[] bytes = readings.bytes(file);
        String name = LicenceReadings.name(file);
        Optional<LicenceText.Result> read = read(name, bytes);
        List<ApplicationMaterial> checklist = supply.materialsByToken(token);
        return transactions.execute(status -> {
            if (read.isEmpty()) {
                supply.supplyByApplicant(token, slot, new UploadedFile(name, bytes));
                return new Upload(slot, null, null);
            }
            PaperKind kind = read.get().kind().orElseThrow();
            // Filed as what it says it is, where the checklist still misses that; else as the slot it was given for.
            String material = kind.materials().contains(slot) ? slot : kind.materials().stream()
                    .filter(code -> checklist.stream().anyMatch(m -> m.materialCode().equals(code) && !m.state().satisfied()))
                    .findFirst().orElse(slot);
            ApplicationMaterial filed = supply.supplyByApplicant(token, material, new UploadedFile(name, bytes));
            long readingId = rows.insert(orderId, filed.documentId(), 1, kind, slot, material, read.get().fields(), APPLICANT,
                    clock.instant());
            audit.record(LicenceAudit.READ_ONLINE, "application", orders.find(orderId).orElseThrow().orderNo(), "paperKind=" + kind
                    + " material=" + material + " document=" + filed.documentId());
            return new Upload(material, readingId, kind);
        });
    }

    /** A reading of the order behind the progress link, for its applicant. */
    public LicenceReading get(String token, long readingId) {
        long orderId = orderOf(token);
        return rows.get(readingId).filter(r -> r.orderId() == orderId)
                .orElseThrow(() -> DomainException.notFound("licence.ocr.reading-not-found", readingId));
    }

    /**
     * The order's readings nobody has confirmed yet, for its applicant behind the progress link: photos they left before
     * confirming, here or on the application form, wait for them (or a clerk) to check; none for a link that leads nowhere.
     */
    public List<LicenceReading> toConfirm(String token) {
        return progress.orderIdByToken(token).map(rows::ofOrder).orElse(List.of()).stream().filter(r -> !r.isConfirmed()).toList();
    }

    /**
     * The applicant confirms or corrects what was read, checked as at the counter; the confirmed name and address
     * become the order's applicant name and supply address where they chose to take them.
     */
    public LicenceReading confirm(String token, long readingId, Map<String, String> values, Set<String> take) {
        LicenceReading reading = get(token, readingId);
        if (reading.isConfirmed()) {
            throw DomainException.conflict("licence.ocr.already-confirmed");
        }
        Map<String, String> confirmed = LicenceReadings.validated(reading.kind(), values);
        return transactions.execute(status -> {
            if (!rows.confirm(readingId, confirmed, APPLICANT, clock.instant())) {
                throw DomainException.conflict("licence.ocr.already-confirmed");
            }
            long corrected = reading.fields().stream().filter(f -> !f.value().equals(confirmed.getOrDefault(f.name(), ""))).count();
            audit.record(LicenceAudit.CONFIRMED, "application", orders.find(reading.orderId()).orElseThrow().orderNo(), "paperKind="
                    + reading.kind() + " document=" + reading.documentId() + " corrected=" + corrected + " by=" + APPLICANT);
            boolean property = reading.kind() == PaperKind.PROPERTY_CERTIFICATE;
            orders.takeFromLicence(reading.orderId(), take.contains("name") ? confirmed.get(property ? "owner" : "name") : null,
                    take.contains("address") ? confirmed.get(property ? "location" : "address") : null, reading.kind().name(), APPLICANT);
            return rows.get(readingId).orElseThrow();
        });
    }

    public double confidenceFloor() {
        return readings.confidenceFloor();
    }

    /** The licence on the upload's first page, when OCR is there, it is an image or PDF, and it reads well enough. */
    private Optional<LicenceText.Result> read(String name, byte[] bytes) {
        if (!recognizer.available()) {
            return Optional.empty();
        }
        List<ScannedPages.Page> pages;
        try {
            pages = ScannedPages.of(name, bytes, 20);
        } catch (DomainException notAPicture) {
            return Optional.empty();
        }
        LicenceText.Result text = LicenceText.read(recognizer.read(pages.get(0).image()));
        if (text.kind().isEmpty()) {
            return Optional.empty();
        }
        PaperKind kind = text.kind().get();
        boolean readable = text.fields().stream().filter(f -> !f.doubtful(readings.confidenceFloor())).count() * 2 >= kind.fields().size();
        return readable ? Optional.of(text) : Optional.empty();
    }

    private long orderOf(String token) {
        return progress.orderIdByToken(token).orElseThrow(() -> DomainException.notFound("intake.progress.unknown"));
    }
}
