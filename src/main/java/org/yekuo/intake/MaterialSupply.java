package org.yekuo.intake;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.deadline.Deadlines;
import org.yekuo.identity.CurrentUser;
import org.yekuo.notification.Notifications;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.shared.Sm3;

/**
 * Takes a material file for an application (scanned at the counter or uploaded): checks what it
 * really is, seals it at rest (R-LIC-5), marks the material supplied and resumes a suspended order
 * once nothing due is missing any more (R-MAT-4).
 */
@Service
public class MaterialSupply {

    private final Applications applications;
    private final PersonalDataCipher cipher;
    private final SealedFiles files;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final Deadlines deadlines;
    private final Clock clock;
    private final MaterialNames materialNames;

    MaterialSupply(Applications applications, PersonalDataCipher cipher, SealedFiles files, Notifications notifications,
            AuditTrail audit, Deadlines deadlines, Clock clock, MaterialNames materialNames) {
        this.materialNames = materialNames;
        this.deadlines = deadlines;
        this.applications = applications;
        this.cipher = cipher;
        this.files = files;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ApplicationMaterial supply(long applicationId, String materialCode, UploadedFile file, CurrentUser user) {
        Application application = applications.get(applicationId);
        OrderAccess.requireInScope(application, user);
        application.requireOpen();
        List<ApplicationMaterial> materials = applications.materials(applicationId);
        if (materials.stream().noneMatch(m -> m.materialCode().equals(materialCode))) {
            throw DomainException.invalid("materialCode", "intake.material.not-on-checklist", materialCode);
        }
        byte[] content = file.content();
        FileKind kind = FileKind.checked(content, FileKind.MAX_BYTES, EnumSet.allOf(FileKind.class), "intake.file.kind");
        String fileName = safeName(file.fileName());
        var now = clock.instant();
        byte[] sealed = files.seal(content);
        long documentId = applications.insertDocument(applicationId, materialCode, fileName, kind.contentType(), content.length,
                Sm3.hex(content), sealed, user.username(), now);
        applications.markSupplied(applicationId, materialCode, documentId, now);
        audit.record("material.supplied", "application", application.orderNo(),
                "material=" + materialCode + " kind=" + kind + " bytes=" + content.length);

        List<String> stillMissing = application.currentNode() == null ? List.of()
                : DeferredMaterialPolicy.missingAt(application.currentNode(), applications.materials(applicationId));
        if (application.status() == ApplicationStatus.SUSPENDED && !stillMissing.isEmpty()) {
            // The banner names what is still missing, not what has just arrived.
            application.stillMissing(materialNames.describe(stillMissing));
            applications.update(application);
        } else if (application.status() == ApplicationStatus.SUSPENDED && application.currentNode() != null) {
            application.resume();
            applications.update(application);
            deadlines.resume(applicationId);
            audit.record("application.resumed", "application", application.orderNo(), "material=" + materialCode);
            notifications.sms(cipher.decrypt(applications.phoneSealed(applicationId)), "order-resumed",
                    Map.of("number", application.orderNo(), "token", application.progressToken()), application.orderNo());
        }
        return applications.materials(applicationId).stream().filter(m -> m.materialCode().equals(materialCode))
                .findFirst().orElseThrow();
    }

    /** Keeps a display name only: no path, no control characters, bounded length. */
    private static String safeName(String name) {
        String base = name == null ? "" : name.replaceAll(".*[/\\\\]", "").replaceAll("[\\p{Cntrl}\"<>|:*?]", "_").trim();
        if (base.isEmpty()) {
            base = "file";
        }
        return base.length() > 120 ? base.substring(base.length() - 120) : base;
    }
}
