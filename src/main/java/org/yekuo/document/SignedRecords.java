package org.yekuo.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.document.internal.DocumentRows;
import org.yekuo.document.internal.EncryptedFileStore;
import org.yekuo.document.internal.PadesSignatures;
import org.yekuo.document.internal.RecordPdfs;
import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.Times;

/**
 * Records the product issues (review opinion sheets, rulings, reports, confirmations) as documents of the
 * order (R-DOC-3): laid out as PDF/A with the CJK font embedded, signed in the signer's own name with the
 * certificate their authority issued them (PAdES), and kept in the archive like any file, a new version
 * of the same record each time it is issued again. Whoever holds a copy can check it with standard tools.
 */
@Service
public class SignedRecords {

    private static final Locale ARCHIVE_LANGUAGE = Locale.SIMPLIFIED_CHINESE;

    private final RecordPdfs pdfs;
    private final PadesSignatures pades;
    private final SigningCertificates certificates;
    private final DocumentRows rows;
    private final EncryptedFileStore store;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final Clock clock;

    SignedRecords(RecordPdfs pdfs, PadesSignatures pades, SigningCertificates certificates, DocumentRows rows,
            EncryptedFileStore store, AuditTrail audit, MessageSource messages, Clock clock) {
        this.pdfs = pdfs;
        this.pades = pades;
        this.certificates = certificates;
        this.rows = rows;
        this.store = store;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Issues {@code sheet} as the next version of the order's record {@code subject} (its label is
     * {@code document.record.<subject>}), signed by {@code signer}, in the caller's transaction: if that
     * rolls back, neither row nor file remains.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Document issue(DocumentOwner owner, String subject, String nodeCode, RecordSheet sheet, CurrentUser signer) {
        Instant now = clock.instant();
        String at = Times.MINUTES.format(now.atZone(clock.getZone()));
        String label = text("document.record." + subject);
        byte[] pdf = pdfs.write(sheet, text("document.record.reference", owner.orderNo(), label),
                List.of(text("document.record.signed-by", signer.displayName(), signer.username()),
                        text("document.record.signed-at", at), text("document.record.signed-how")),
                text("document.record.footer", at));
        byte[] signed = pades.sign(pdf, certificates.signerFor(signer.username(), signer.displayName()), signer.displayName(),
                sheet.title(), now);
        String storageKey = EncryptedFileStore.newKey();
        String digest = store.write(storageKey, new ByteArrayInputStream(signed));
        String fileName = label + "-" + owner.orderNo() + ".pdf";
        long id = rows.insert(owner, DocumentKind.RECORD, subject, nodeCode, fileName, FileType.PDF.contentType(), signed.length,
                digest, storageKey, signer.username(), now);
        Document issued = rows.get(id).orElseThrow().named(signer.displayName());
        audit.record(DocumentAudit.RECORD_ISSUED, "document", String.valueOf(id), "order=" + owner.orderNo() + " record=" + subject
                + " version=" + issued.version() + " signer=" + signer.username() + " sm3=" + digest);
        return issued;
    }

    /**
     * The digital signatures in a stored PDF, read from its bytes alone; none for a file that is not a
     * signed record. The caller has already checked the reader's scope.
     */
    public List<PdfSignature> signatures(Document document) {
        if (document.kind() != DocumentKind.RECORD) {
            return List.of();
        }
        Path plain = null;
        try {
            plain = Files.createTempFile("yekuo-verify", ".pdf");
            try (InputStream in = store.read(rows.storageKey(document.id()))) {
                Files.copy(in, plain, StandardCopyOption.REPLACE_EXISTING);
            }
            return pades.verify(plain);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check the signatures of document " + document.id(), e);
        } finally {
            if (plain != null) {
                try {
                    Files.deleteIfExists(plain);
                } catch (IOException ignored) {
                    // The temporary directory is cleaned by the system.
                }
            }
        }
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, ARCHIVE_LANGUAGE);
    }
}
