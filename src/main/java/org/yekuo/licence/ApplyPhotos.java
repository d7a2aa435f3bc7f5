package org.yekuo.licence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.document.Document;
import org.yekuo.document.Documents;
import org.yekuo.document.FilePolicy;
import org.yekuo.document.FileType;
import org.yekuo.document.UploadedFile;
import org.yekuo.intake.Application;
import org.yekuo.intake.MaterialSupply;
import org.yekuo.intake.OnlineApplicationReceived;
import org.yekuo.intake.Orders;
import org.yekuo.licence.internal.ApplyPhotoRows;
import org.yekuo.licence.internal.ApplyPhotoRows.Held;
import org.yekuo.licence.internal.LicenceText;
import org.yekuo.licence.internal.ReadingRows;
import org.yekuo.licence.internal.ScannedPages;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Masking;
import org.yekuo.shared.PersonalDataCipher;

/**
 * Photos an applicant takes on the online application form, before the order exists (R-LIC-3, R-DOC-1): a business
 * licence, property certificate or ID card is read by the counter's recogniser, recognised by what it says, and its
 * fields wait for the applicant to confirm or correct them; the confirmed values fill the form. Held as the counter's
 * fetches are: bound to the form (its idempotency key) and the phone proven for it, sealed, until the form is
 * submitted; then each photo is filed in the order's archive as the material it is, with its reading, in the
 * submitting transaction. A form that is abandoned keeps nothing after the counter's hold.
 */
@Service
public class ApplyPhotos {

    private static final String FORM_KEY = "[A-Za-z0-9-]{8,60}";
    /** Photos one phone may hold on its forms at once: three kinds, a few forms. */
    static final int MAX_PER_PHONE = 9;
    static final FilePolicy PHOTOS = new FilePolicy(EnumSet.of(FileType.JPEG, FileType.PNG, FileType.PDF), 20L * 1024 * 1024,
            "licence.apply.file-kind");

    private final ApplyPhotoRows rows;
    private final ReadingRows readingRows;
    private final LicenceReadings readings;
    private final TextRecognizer recognizer;
    private final Documents documents;
    private final MaterialSupply materials;
    private final Orders orders;
    private final PersonalDataCipher cipher;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final Duration hold;

    ApplyPhotos(ApplyPhotoRows rows, ReadingRows readingRows, LicenceReadings readings, TextRecognizer recognizer, Documents documents,
            MaterialSupply materials, Orders orders, PersonalDataCipher cipher, AuditTrail audit, PlatformTransactionManager transactions,
            Clock clock, @Value("${yekuo.licence.counter.hold:PT2H}") Duration hold) {
        this.rows = rows;
        this.readingRows = readingRows;
        this.readings = readings;
        this.recognizer = recognizer;
        this.documents = documents;
        this.materials = materials;
        this.orders = orders;
        this.cipher = cipher;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.hold = hold;
    }

    /** A photo read for the form: what it is, what was read with what confidence, and what the applicant confirmed. */
    public record Photo(long id, PaperKind kind, String fileName, List<ReadField> fields, Map<String, String> confirmed,
            boolean isConfirmed, Instant readAt) {

        public long doubtfulCount(double floor) {
            return fields.stream().filter(f -> f.doubtful(floor)).count();
        }

        /** The value to show for a field: as confirmed once it was, else as read. */
        public String value(String field) {
            return isConfirmed ? confirmed.getOrDefault(field, "")
                    : fields.stream().filter(f -> f.name().equals(field)).map(ReadField::value).findFirst().orElse("");
        }
    }

    public boolean ocrAvailable() {
        return recognizer.available();
    }

    public double confidenceFloor() {
        return readings.confidenceFloor();
    }

    /**
     * Reads a photo taken for the form. Checked whole as the archive checks files, then read; refused, keeping nothing,
     * when OCR is not installed, it is no picture or PDF of one page, shows no licence, or is too blurred to read. A new
     * photo of a kind replaces the form's earlier one.
     */
    public Photo read(String formKey, String phone, UploadedFile file) {
        String key = formKey(formKey);
        if (!recognizer.available()) {
            throw DomainException.conflict("licence.ocr.unavailable");
        }
        byte[] bytes = readings.bytes(file);
        String name = LicenceReadings.name(file);
        documents.check(new UploadedFile(name, bytes), PHOTOS, LicenceRetrievals.APPLICANT);
        List<ScannedPages.Page> pages = ScannedPages.of(name, bytes, 1);
        LicenceText.Result text = LicenceText.read(recognizer.read(pages.get(0).image()));
        PaperKind kind = text.kind().orElseThrow(() -> DomainException.invalid("file", "licence.ocr.not-a-licence", name));
        if (text.fields().stream().filter(f -> !f.doubtful(readings.confidenceFloor())).count() * 2 < kind.fields().size()) {
            throw DomainException.invalid("file", "licence.ocr.too-blurred", name);
        }
        String phoneIndex = cipher.blindIndex(phone);
        Instant now = clock.instant();
        long id = transaction.execute(status -> {
            rows.deleteKind(key, phoneIndex, kind);
            if (rows.countForPhone(phoneIndex, now) >= MAX_PER_PHONE) {
                throw DomainException.invalid("file", "licence.apply.too-many", MAX_PER_PHONE);
            }
            long held = rows.insert(key, phoneIndex, kind, name, cipher.encrypt(Base64.getEncoder().encodeToString(bytes)), text.fields(),
                    now, now.plus(hold));
            audit.record(LicenceAudit.APPLY_READ, "licence-form", key, "paperKind=" + kind + " phone=" + Masking.mobile(phone));
            return held;
        });
        return photo(rows.get(id, key, phoneIndex, now).orElseThrow());
    }

    /** The form's photos, oldest first; none for a form or phone that took none, or whose photos have expired. */
    public List<Photo> photos(String formKey, String phone) {
        if (formKey == null || !formKey.matches(FORM_KEY)) {
            return List.of();
        }
        return rows.forForm(formKey, cipher.blindIndex(phone), clock.instant()).stream().map(ApplyPhotos::photo).toList();
    }

    public Photo get(String formKey, String phone, long id) {
        return held(formKey, phone, id).map(ApplyPhotos::photo)
                .orElseThrow(() -> DomainException.notFound("licence.apply.photo-not-found"));
    }

    /**
     * The applicant confirms or corrects what was read, checked as at the counter (R-LIC-3); answers the form's fields
     * that the confirmed values fill. Confirming again replaces the earlier values: nothing is used before the form is
     * submitted.
     */
    public Map<String, String> confirm(String formKey, String phone, long id, Map<String, String> values) {
        Held held = held(formKey, phone, id).orElseThrow(() -> DomainException.notFound("licence.apply.photo-not-found"));
        Map<String, String> confirmed = LicenceReadings.validated(held.kind(), values);
        transaction.executeWithoutResult(status -> {
            rows.confirm(id, confirmed, clock.instant());
            long corrected = held.fields().stream().filter(f -> !f.value().equals(confirmed.getOrDefault(f.name(), ""))).count();
            audit.record(LicenceAudit.APPLY_CONFIRMED, "licence-form", held.formKey(), "paperKind=" + held.kind() + " corrected=" + corrected);
        });
        return LicenceReadings.formValues(held.kind(), confirmed);
    }

    /** The applicant takes a photo back before submitting. */
    public void remove(String formKey, String phone, long id) {
        Held held = held(formKey, phone, id).orElseThrow(() -> DomainException.notFound("licence.apply.photo-not-found"));
        transaction.executeWithoutResult(status -> {
            rows.delete(held.id());
            audit.record(LicenceAudit.APPLY_REMOVED, "licence-form", held.formKey(), "paperKind=" + held.kind());
        });
    }

    /**
     * The form became an order: its photos, when taken with the order's phone, are filed in the archive as the materials
     * they are and their readings join the order, confirmed where the applicant confirmed them, in the submitting
     * transaction. A photo the archive refuses costs the applicant only that photo.
     */
    @EventListener
    void on(OnlineApplicationReceived received) {
        if (received.formKey() == null || !received.formKey().matches(FORM_KEY)) {
            return;
        }
        String phoneIndex = cipher.blindIndex(orders.applicantIdentity(received.orderId()).phone().strip());
        List<Held> held = rows.forForm(received.formKey(), phoneIndex, clock.instant());
        if (held.isEmpty()) {
            return;
        }
        Application order = orders.find(received.orderId()).orElseThrow();
        var applicant = LicenceRetrievals.filer(order, LicenceRetrievals.APPLICANT, LicenceRetrievals.APPLICANT);
        for (Held photo : held) {
            byte[] file = Base64.getDecoder().decode(cipher.decrypt(rows.fileSealed(photo.id())));
            try {
                savepoint.executeWithoutResult(status -> {
                    Document document = materials.supplyFetched(order.id(), photo.kind().materials(), new UploadedFile(photo.fileName(), file),
                            applicant);
                    long readingId = readingRows.insert(order.id(), document.id(), 1, photo.kind(), document.subject(), document.subject(),
                            photo.fields(), LicenceRetrievals.APPLICANT, photo.readAt());
                    if (photo.confirmedAt() != null) {
                        readingRows.confirm(readingId, photo.confirmed(), LicenceRetrievals.APPLICANT, photo.confirmedAt());
                    }
                    audit.record(LicenceAudit.APPLY_ATTACHED, "application", order.orderNo(), "paperKind=" + photo.kind() + " material="
                            + document.subject() + " document=" + document.id() + " confirmed=" + (photo.confirmedAt() != null));
                });
            } catch (DomainException refused) {
                audit.record(LicenceAudit.APPLY_NOT_TAKEN, "application", order.orderNo(), "paperKind=" + photo.kind());
            }
        }
        rows.deleteForm(received.formKey(), phoneIndex);
    }

    /** Abandoned forms keep no photo: what has expired is deleted. Idempotent, so every node may run it. */
    @Scheduled(fixedDelayString = "${yekuo.licence.counter.sweep-interval:PT10M}", initialDelayString = "${yekuo.licence.counter.sweep-interval:PT10M}")
    public int sweep() {
        return rows.deleteExpired(clock.instant());
    }

    private Optional<Held> held(String formKey, String phone, long id) {
        if (formKey == null || !formKey.matches(FORM_KEY) || phone == null) {
            return Optional.empty();
        }
        return rows.get(id, formKey, cipher.blindIndex(phone), clock.instant());
    }

    private static Photo photo(Held held) {
        return new Photo(held.id(), held.kind(), held.fileName(), held.fields(), held.confirmed(), held.confirmedAt() != null, held.readAt());
    }

    private static String formKey(String formKey) {
        if (formKey == null || !formKey.matches(FORM_KEY)) {
            throw DomainException.invalid("idempotencyKey", "licence.counter.form-key");
        }
        return formKey;
    }
}
