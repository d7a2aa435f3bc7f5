package org.yekuo.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.document.internal.AccessWatch;
import org.yekuo.document.internal.DocumentRows;
import org.yekuo.document.internal.EncryptedFileStore;
import org.yekuo.document.internal.FileInspection;
import org.yekuo.document.internal.Watermarks;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Times;

/**
 * The order's archive (R-DOC-1, R-DOC-5, R-LIC-5). {@link #add} takes a file that its content proves
 * acceptable and keeps it encrypted as the next version of its kind and subject; {@link #open} hands a
 * document to a reader in scope, watermarked with who and when, and logs every access, refusals
 * included, which also alert the security administrator.
 */
@Service
public class Documents {

    /** A file name is kept for display only; one with a path or control characters is not a file name. */
    static final int MAX_NAME = 120;

    private final DocumentRows rows;
    private final EncryptedFileStore store;
    private final FileInspection inspection;
    private final Watermarks watermarks;
    private final AccessWatch watch;
    private final StaffMembers staff;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final Clock clock;

    Documents(DocumentRows rows, EncryptedFileStore store, FileInspection inspection, Watermarks watermarks, AccessWatch watch,
            StaffMembers staff, AuditTrail audit, MessageSource messages, Clock clock) {
        this.rows = rows;
        this.store = store;
        this.inspection = inspection;
        this.watermarks = watermarks;
        this.watch = watch;
        this.staff = staff;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Adds {@code file} to the order's archive as the next version of {@code kind} and {@code subject}, in
     * the caller's transaction: if that rolls back, neither the row nor the stored file remains. A refused
     * file is recorded as a failed security event and answered with what is wrong and what is allowed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Document add(DocumentOwner owner, DocumentKind kind, String subject, String nodeCode, UploadedFile file,
            FilePolicy policy, CurrentUser user) {
        Path spooled = null;
        try {
            String name = fileName(file.fileName());
            spooled = spool(file, policy.maxBytes());
            FileType type = inspection.inspect(spooled, policy);
            String storageKey = EncryptedFileStore.newKey();
            String digest;
            try (InputStream in = Files.newInputStream(spooled)) {
                digest = store.write(storageKey, in);
            }
            long size = Files.size(spooled);
            long id = rows.insert(owner, kind, subject, nodeCode, name, type.contentType(), size, digest, storageKey,
                    user.username(), clock.instant());
            Document added = rows.get(id).orElseThrow().named(user.displayName());
            audit.record(DocumentAudit.ADDED, "document", String.valueOf(id), "order=" + owner.orderNo() + " documentKind=" + kind
                    + subjectDetail(kind, subject) + " version=" + added.version() + " format=" + type + " bytes=" + size);
            return added;
        } catch (DomainException e) {
            String problem = e.fieldProblems().isEmpty() ? e.getMessage() : e.fieldProblems().get(0).messageKey();
            audit.recordSecurityEvent(user.username(), DocumentAudit.UPLOAD_REFUSED, user.username(), "order=" + owner.orderNo()
                    + " documentKind=" + kind + subjectDetail(kind, subject) + " problem=" + problem, AuditEntry.Outcome.FAILURE);
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot take the uploaded file", e);
        } finally {
            if (spooled != null) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (IOException ignored) {
                    // The temporary directory is cleaned by the system.
                }
            }
        }
    }

    /**
     * Judges {@code file} as {@link #add} would, keeping nothing: for a file held for an order that does not exist yet
     * (a photo taken while an application form is filled in), refused at once rather than when the order files it.
     * A refusal is recorded as a failed security event of {@code actor}, as in {@link #add}.
     */
    public FileType check(UploadedFile file, FilePolicy policy, String actor) {
        Path spooled = null;
        try {
            fileName(file.fileName());
            spooled = spool(file, policy.maxBytes());
            return inspection.inspect(spooled, policy);
        } catch (DomainException e) {
            String problem = e.fieldProblems().isEmpty() ? e.getMessage() : e.fieldProblems().get(0).messageKey();
            audit.recordSecurityEvent(actor, DocumentAudit.UPLOAD_REFUSED, actor, "order=- problem=" + problem, AuditEntry.Outcome.FAILURE);
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot take the uploaded file", e);
        } finally {
            if (spooled != null) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (IOException ignored) {
                    // The temporary directory is cleaned by the system.
                }
            }
        }
    }

    /** Every version of every document of an order, oldest first, for a reader whose scope covers it. */
    @Transactional(readOnly = true)
    public List<Document> archive(long orderId, CurrentUser user) {
        List<Document> documents = rows.ofOrder(orderId);
        if (!documents.isEmpty() && !user.scope().includes(rows.orgPath(documents.get(0).id()))) {
            throw DomainException.notFound("document.not-found", orderId);
        }
        Map<String, String> names = staff.displayNames(documents.stream().map(Document::addedBy).distinct().toList());
        return documents.stream().map(d -> d.named(names.getOrDefault(d.addedBy(), d.addedBy()))).toList();
    }

    /** One document's entry in the archive, for a reader in scope; a reader out of scope is refused and alerted. */
    @Transactional(readOnly = true)
    public Document entry(long documentId, CurrentUser user, String remoteAddress) {
        Document document = inScope(documentId, AccessKind.VIEW, user, remoteAddress);
        return document.named(staff.byUsername(document.addedBy()).map(m -> m.displayName()).orElse(document.addedBy()));
    }

    private Document inScope(long documentId, AccessKind kind, CurrentUser user, String remoteAddress) {
        Document document = rows.get(documentId).orElseThrow(() -> DomainException.notFound("document.not-found", documentId));
        String orgPath = rows.orgPath(documentId);
        if (!user.scope().includes(orgPath)) {
            watch.refused(documentId, document.orderNo(), orgPath, kind, user, remoteAddress, "out-of-scope");
            throw DomainException.notFound("document.not-found", documentId);
        }
        return document;
    }

    /**
     * A document for {@code user}, logged. A document outside their scope is not found for them and an
     * original is only for the archive office: both refusals are logged and alerted. What is viewed or
     * downloaded carries the watermark; an OFD cannot be marked without breaking its seal, so it is only
     * handed out as the original.
     */
    public ServedFile open(long documentId, AccessKind kind, CurrentUser user, String remoteAddress, Locale locale) {
        return serve(inScope(documentId, kind, user, remoteAddress), kind, user, remoteAddress);
    }

    /**
     * A document whose readers its context decides (ADR 18), for {@code user} as {@code decision} says: served,
     * watermarked and logged like {@link #open}. A document of another kind or context, or a decision that says no,
     * is not found for the reader, and the refusal is logged and alerted. Only a view or a download: the original stays
     * with the archive office through {@link #open}.
     */
    public ServedFile openInContext(long documentId, ContextDecision decision, AccessKind kind, CurrentUser user,
            String remoteAddress) {
        Document document = rows.get(documentId).orElseThrow(() -> DomainException.notFound("document.not-found", documentId));
        boolean sameContext = decision.kind().decidedByContext() && document.kind() == decision.kind()
                && document.subject().equals(decision.subject());
        if (!sameContext || !decision.granted() || kind == AccessKind.ORIGINAL) {
            watch.refused(documentId, document.orderNo(), rows.orgPath(documentId), kind, user, remoteAddress, "not-in-context");
            throw DomainException.notFound("document.not-found", documentId);
        }
        return serve(document, kind, user, remoteAddress);
    }

    private ServedFile serve(Document document, AccessKind kind, CurrentUser user, String remoteAddress) {
        long documentId = document.id();
        if (kind == AccessKind.ORIGINAL && !user.has(Role.ARCHIVIST)) {
            watch.refused(documentId, document.orderNo(), rows.orgPath(documentId), kind, user, remoteAddress, "not-archivist");
            throw DomainException.forbidden("document.original.archivist-only");
        }
        FileType type = document.fileType();
        if (kind != AccessKind.ORIGINAL && type == FileType.OFD) {
            throw DomainException.conflict("document.ofd.original-only");
        }
        watch.allowed(documentId, document.orderNo(), kind, user, remoteAddress);
        String storageKey = rows.storageKey(documentId);
        if (kind == AccessKind.ORIGINAL) {
            return new ServedFile(document, type.contentType(), out -> {
                try (InputStream in = store.read(storageKey)) {
                    in.transferTo(out);
                }
            });
        }
        String text = messages.getMessage("document.watermark.text", new Object[] {user.displayName(), user.username(),
                Times.MINUTES.format(clock.instant().atZone(clock.getZone()))}, Locale.SIMPLIFIED_CHINESE);
        boolean signed = document.kind() == DocumentKind.RECORD;
        return new ServedFile(document, type.contentType(), out -> watermarked(storageKey, type, text, signed, out));
    }

    private void watermarked(String storageKey, FileType type, String text, boolean signed, OutputStream out) throws IOException {
        if (type.isImage()) {
            try (InputStream in = store.read(storageKey)) {
                watermarks.image(in, type, text, out);
            }
            return;
        }
        // PDFBox reads a PDF by random access: the plain copy lives only while it is marked.
        Path plain = Files.createTempFile("yekuo-view", ".pdf");
        try {
            try (InputStream in = store.read(storageKey)) {
                Files.copy(in, plain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            watermarks.pdf(plain, text, out, signed);
        } finally {
            Files.deleteIfExists(plain);
        }
    }

    /** The subject under the detail key that names it: a material by the catalogue, a photo kind by its label. */
    private static String subjectDetail(DocumentKind kind, String subject) {
        return (kind == DocumentKind.MATERIAL ? " material=" : kind == DocumentKind.SCHEME_DRAWING ? " drawing="
                : kind == DocumentKind.COORDINATION ? " thread=" : " kind=") + subject;
    }

    private static Path spool(UploadedFile file, long maxBytes) throws IOException {
        Path spooled = Files.createTempFile("yekuo-upload", ".bin");
        try (InputStream in = file.content().open(); OutputStream out = Files.newOutputStream(spooled)) {
            // One byte beyond the limit is enough to know the file is too large.
            in.transferTo(new LimitedOutput(out, maxBytes + 1));
        } catch (LimitedOutput.Full full) {
            // Inspection refuses it by its size.
        }
        return spooled;
    }

    private static String fileName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            return "file";
        }
        if (trimmed.chars().anyMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c)) || trimmed.length() > MAX_NAME) {
            throw DomainException.invalid("file", "document.file.name", MAX_NAME);
        }
        return trimmed;
    }

    /** Writes through at most a given number of bytes, then stops the copy. */
    private static final class LimitedOutput extends OutputStream {

        static final class Full extends IOException {
            Full() {
                super("limit reached", null);
            }
        }

        private final OutputStream out;
        private long left;

        LimitedOutput(OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int n = (int) Math.min(length, left);
            out.write(bytes, offset, n);
            left -= n;
            if (left == 0) {
                throw new Full();
            }
        }
    }
}
