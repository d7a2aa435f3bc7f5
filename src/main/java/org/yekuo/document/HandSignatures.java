package org.yekuo.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.document.internal.DocumentRows;
import org.yekuo.document.internal.EncryptedFileStore;
import org.yekuo.document.internal.HandSignatureImages;
import org.yekuo.document.internal.PadesSignatures;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Masking;
import org.yekuo.shared.Sm3;
import org.yekuo.shared.Times;

/**
 * Hand signatures on records (R-DOC-3, R-DOC-6): the surveyor or inspector signs their own record with a
 * finger on their phone, the customer signs the completion-acceptance report or the power-on confirmation on
 * the screen of the member of staff with them. A signature is bound to the SM3 digest of the exact version
 * its signer was shown — if that is no longer the current version, or its bytes are not the ones shown, it is
 * refused — and placed in the PDF as the record's next version, which the member of staff who collected it
 * signs with their certificate, so a change after it voids both.
 */
@Service
public class HandSignatures {

    /** Which records take a hand signature, and from whom. */
    static final Map<String, Set<HandSigner>> SIGNERS = Map.of(
            "ACCEPTANCE_RECEIPT", Set.of(HandSigner.CUSTOMER),
            "SITE_SURVEY_RECORD", Set.of(HandSigner.HANDLER),
            "INTERMEDIATE_INSPECTION_RECORD", Set.of(HandSigner.HANDLER, HandSigner.CUSTOMER),
            "COMPLETION_ACCEPTANCE_REPORT", Set.of(HandSigner.HANDLER, HandSigner.CUSTOMER),
            "SUPPLY_CONTRACT", Set.of(HandSigner.CUSTOMER),
            "POWER_ON_CONFIRMATION", Set.of(HandSigner.CUSTOMER));
    /** Who collects hand signatures: the staff who work nodes (AccessRules.NODE_WORKERS), not the archive or administrators. */
    private static final Set<Role> COLLECTORS = EnumSet.of(Role.CLERK, Role.SURVEYOR, Role.DESIGNER, Role.REVIEWER_OPERATIONS,
            Role.REVIEWER_MARKETING, Role.REVIEWER_DISPATCH, Role.MATERIALS_CLERK, Role.INSPECTOR, Role.DEPARTMENT_HEAD, Role.LEADER);
    static final int MAX_STROKES = 200;
    static final int MAX_POINTS = 6000;
    static final int MAX_NAME = 30;

    private final Documents documents;
    private final DocumentRows rows;
    private final EncryptedFileStore store;
    private final HandSignatureImages images;
    private final PadesSignatures pades;
    private final SigningCertificates certificates;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final Clock clock;

    HandSignatures(Documents documents, DocumentRows rows, EncryptedFileStore store, HandSignatureImages images,
            PadesSignatures pades, SigningCertificates certificates, JdbcClient jdbc, AuditTrail audit, MessageSource messages,
            Clock clock) {
        this.documents = documents;
        this.rows = rows;
        this.store = store;
        this.images = images;
        this.pades = pades;
        this.certificates = certificates;
        this.jdbc = jdbc;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    /** Who may sign {@code document} by hand: nobody for a file that is not such a record. */
    public static Set<HandSigner> signersOf(Document document) {
        return document.kind() == DocumentKind.RECORD ? SIGNERS.getOrDefault(document.subject(), Set.of()) : Set.of();
    }

    /**
     * The hand signatures {@code user} may collect on this version now: none unless it is the record's current
     * version (a signature binds to what is shown); as its handler only on their own record.
     */
    @Transactional(readOnly = true)
    public List<HandSigner> offeredTo(Document document, CurrentUser user) {
        if (signersOf(document).isEmpty() || !collects(user) || currentVersion(document).id() != document.id()) {
            return List.of();
        }
        Set<HandSigner> signed = of(document).stream().map(HandSignature::signer).collect(Collectors.toSet());
        return signersOf(document).stream().filter(s -> !signed.contains(s))
                .filter(s -> s != HandSigner.HANDLER || user.username().equals(handlerOf(document))).sorted().toList();
    }

    /**
     * Places the hand signature on the record and answers the version that carries it. Refused, with nothing
     * saved, when the record takes no such signature, the version shown is not the current one or has other
     * bytes, the member of staff signs a record that is not theirs, or the strokes or name are not usable.
     */
    @Transactional
    public Document sign(long documentId, HandSigning signing, CurrentUser collector, String remoteAddress) {
        if (!collects(collector)) {
            throw DomainException.forbidden("document.hand.not-a-collector");
        }
        Document shown = documents.entry(documentId, collector, remoteAddress);
        HandSigner signer = signing.signer();
        if (signer == null || !signersOf(shown).contains(signer)) {
            throw DomainException.invalid("signer", "document.hand.signer-not-allowed");
        }
        Document current = currentVersion(shown);
        if (current.id() != shown.id()) {
            throw DomainException.conflict("document.hand.outdated", current.version());
        }
        if (signing.digest() == null || !signing.digest().equalsIgnoreCase(shown.digest())) {
            throw DomainException.conflict("document.hand.changed");
        }
        if (signer == HandSigner.HANDLER && !collector.username().equals(handlerOf(shown))) {
            throw DomainException.forbidden("document.hand.not-your-record");
        }
        if (of(shown).stream().anyMatch(h -> h.signer() == signer)) {
            throw DomainException.conflict("document.hand.already-signed");
        }
        String name = signerName(signing, signer, collector);
        checkStrokes(signing.strokes());

        Instant now = clock.instant();
        String caption = text("document.hand.caption", text("document.hand.signer." + signer), name,
                Times.MINUTES.format(now.atZone(clock.getZone())), shown.digest().substring(0, 12));
        byte[] png = images.png(signing.strokes(), caption);
        String imageSm3 = Sm3.hex(png);
        int slot = jdbc.sql("select count(*) from hand_signature h join document d on d.id = h.document_id "
                + "where d.order_id = ? and d.kind = ? and d.subject = ?").params(shown.orderId(), shown.kind().name(), shown.subject())
                .query(Integer.class).single();
        byte[] placed = images.place(read(shown.id()), png, slot);
        byte[] signed = pades.sign(placed, certificates.signerFor(collector.username(), collector.displayName()),
                collector.displayName(), text("document.hand.reason", text("document.hand.signer." + signer), name), now);
        String storageKey = EncryptedFileStore.newKey();
        String digest = store.write(storageKey, new ByteArrayInputStream(signed));
        long id = rows.insert(new DocumentOwner(shown.orderId(), shown.orderNo(), rows.orgPath(shown.id())), shown.kind(),
                shown.subject(), shown.nodeCode(), shown.fileName(), shown.contentType(), signed.length, digest, storageKey,
                collector.username(), now);
        String strokes = strokesText(signing.strokes());
        jdbc.sql("""
                insert into hand_signature (document_id, signed_document_id, signed_digest, signer_kind, signer_name, strokes,
                                            image_sm3, binding, collected_by, signed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, shown.id(), shown.digest(), signer.name(), name, strokes, imageSm3,
                        binding(shown.digest(), imageSm3, signer, name, now), collector.username(), Timestamp.from(now))
                .update();
        audit.record(DocumentAudit.HAND_SIGNED, "document", String.valueOf(id), "order=" + shown.orderNo() + " record="
                + shown.subject() + " signerKind=" + signer + " version=" + (shown.version() + 1) + " signedSm3=" + shown.digest());
        return rows.get(id).orElseThrow().named(collector.displayName());
    }

    /**
     * The hand signatures this version of a record carries, oldest first, each with whether it still holds: those
     * placed on it and on the versions it grew from by signing, back to the version last issued afresh (a record
     * issued again after a failed inspection starts without signatures).
     */
    @Transactional(readOnly = true)
    public List<HandSignature> of(Document document) {
        if (signersOf(document).isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select h.id, h.document_id, h.signed_document_id, h.signed_digest, h.signer_kind, h.signer_name, h.image_sm3,
                       h.binding, h.collected_by, h.signed_at, s.digest as current_digest
                from hand_signature h
                join document d on d.id = h.document_id
                join document s on s.id = h.signed_document_id
                where d.order_id = :order and d.kind = :kind and d.subject = :subject and d.version_no <= :version
                  and d.version_no > (select coalesce(max(f.version_no), 0) from document f
                                      where f.order_id = :order and f.kind = :kind and f.subject = :subject
                                        and f.version_no <= :version
                                        and not exists (select 1 from hand_signature x where x.document_id = f.id))
                order by h.id""")
                .param("order", document.orderId()).param("kind", document.kind().name()).param("subject", document.subject())
                .param("version", document.version())
                .query((rs, row) -> {
                    HandSigner signer = HandSigner.valueOf(rs.getString("signer_kind"));
                    Instant at = rs.getTimestamp("signed_at").toInstant();
                    String signedDigest = rs.getString("signed_digest");
                    boolean bound = signedDigest.equals(rs.getString("current_digest")) && rs.getString("binding").equals(
                            binding(signedDigest, rs.getString("image_sm3"), signer, rs.getString("signer_name"), at));
                    return new HandSignature(rs.getLong("id"), rs.getLong("document_id"), rs.getLong("signed_document_id"),
                            signedDigest, signer, rs.getString("signer_name"), rs.getString("collected_by"), at, bound);
                }).list();
    }

    private static boolean collects(CurrentUser user) {
        return user.roles().stream().anyMatch(COLLECTORS::contains);
    }

    private Document currentVersion(Document document) {
        return rows.ofOrder(document.orderId()).stream()
                .filter(d -> d.kind() == document.kind() && d.subject().equals(document.subject()))
                .max((a, b) -> Integer.compare(a.version(), b.version())).orElseThrow();
    }

    /** Who issued the first version of the record: the member of staff whose own record it is. */
    private String handlerOf(Document document) {
        return rows.ofOrder(document.orderId()).stream()
                .filter(d -> d.kind() == document.kind() && d.subject().equals(document.subject()) && d.version() == 1)
                .map(Document::addedBy).findFirst().orElse(document.addedBy());
    }

    private String signerName(HandSigning signing, HandSigner signer, CurrentUser collector) {
        if (signer == HandSigner.HANDLER) {
            return collector.displayName();
        }
        String name = signing.signerName() == null ? "" : signing.signerName().strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("signerName", "document.hand.name", MAX_NAME);
        }
        // The name is personal data: only its masked form is kept, and shown in the caption.
        return Masking.chineseName(name);
    }

    private static void checkStrokes(List<List<List<Integer>>> strokes) {
        int points = 0;
        boolean ok = strokes != null && !strokes.isEmpty() && strokes.size() <= MAX_STROKES;
        if (ok) {
            for (List<List<Integer>> stroke : strokes) {
                if (stroke == null || stroke.isEmpty()) {
                    ok = false;
                    break;
                }
                for (List<Integer> point : stroke) {
                    points++;
                    if (point == null || point.size() != 2 || point.get(0) == null || point.get(1) == null
                            || point.get(0) < 0 || point.get(0) > HandSignatureImages.WIDTH
                            || point.get(1) < 0 || point.get(1) > HandSignatureImages.HEIGHT) {
                        ok = false;
                    }
                }
            }
        }
        // A signature is more than a dot: a few points at least.
        if (!ok || points < 5 || points > MAX_POINTS) {
            throw DomainException.invalid("strokes", "document.hand.strokes", String.valueOf(HandSignatureImages.WIDTH), String.valueOf(HandSignatureImages.HEIGHT),
                    String.valueOf(MAX_POINTS));
        }
    }

    /** The strokes as kept: "x,y x,y;x,y …", the exact vector the signer drew. */
    private static String strokesText(List<List<List<Integer>>> strokes) {
        StringBuilder text = new StringBuilder();
        for (List<List<Integer>> stroke : strokes) {
            if (!text.isEmpty()) {
                text.append(';');
            }
            for (int i = 0; i < stroke.size(); i++) {
                text.append(i == 0 ? "" : " ").append(stroke.get(i).get(0)).append(',').append(stroke.get(i).get(1));
            }
        }
        return text.toString();
    }

    private static String binding(String signedDigest, String imageSm3, HandSigner signer, String name, Instant at) {
        return Sm3.hex(String.join("\n", "yekuo-hand-signature/1", signedDigest, imageSm3, signer.name(), name,
                String.valueOf(at.toEpochMilli())));
    }

    private byte[] read(long documentId) {
        try (InputStream in = store.read(rows.storageKey(documentId))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, java.util.Locale.SIMPLIFIED_CHINESE);
    }
}
