package org.yekuo.intake;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.document.Document;
import org.yekuo.document.DocumentKind;
import org.yekuo.document.DocumentOwner;
import org.yekuo.document.Documents;
import org.yekuo.document.FilePolicy;
import org.yekuo.document.FileType;
import org.yekuo.document.UploadedFile;
import org.yekuo.identity.CurrentUser;
import org.yekuo.notification.Notifications;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.WorkList;

/**
 * Takes a material file for an application (scanned at the counter or uploaded) into the order's
 * archive, where its content is checked and it is kept encrypted (R-DOC-1, R-LIC-5); a material supplied
 * again is its next version. Marks the material supplied and resumes a suspended order
 * once nothing due is missing any more (R-MAT-4).
 */
@Service
public class MaterialSupply {

    static final FilePolicy FILES = new FilePolicy(EnumSet.allOf(FileType.class), 20L * 1024 * 1024, "intake.file.kind");

    private final Applications applications;
    private final PersonalDataCipher cipher;
    private final Documents documents;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final Clock clock;
    private final MaterialNames materialNames;
    private final WorkList workList;

    MaterialSupply(Applications applications, PersonalDataCipher cipher, Documents documents, Notifications notifications,
            AuditTrail audit, Clock clock, MaterialNames materialNames, WorkList workList) {
        this.materialNames = materialNames;
        this.workList = workList;
        this.applications = applications;
        this.cipher = cipher;
        this.documents = documents;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
    }

    /** Only a clerk takes in a material: a file supplied here becomes "on file" for the applicant's later orders. */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public ApplicationMaterial supply(long applicationId, String materialCode, UploadedFile file, CurrentUser user) {
        Application application = applications.get(applicationId);
        OrderAccess.requireInScope(application, user);
        application.requireOpen();
        List<ApplicationMaterial> materials = applications.materials(applicationId);
        if (materials.stream().noneMatch(m -> m.materialCode().equals(materialCode))) {
            throw DomainException.invalid("materialCode", "intake.material.not-on-checklist", materialCode);
        }
        Document document = documents.add(new DocumentOwner(applicationId, application.orderNo(), application.orgPath()),
                DocumentKind.MATERIAL, materialCode, currentNode(application), file, FILES, user);
        return supplied(application, materialCode, document);
    }

    /**
     * The applicant supplies a material still missing or deferred from the progress page on their phone (R-MAT-4),
     * proven by the order's progress link. Only what is not yet satisfied may be supplied this way, so a link that went
     * astray can add a file for staff to check but never replace one; the archive judges the file by its content.
     */
    @Transactional
    public ApplicationMaterial supplyByApplicant(String progressToken, String materialCode, UploadedFile file) {
        Application application = (progressToken == null || !progressToken.matches("[A-Za-z0-9_-]{16,64}") ? Optional.<Application>empty()
                : applications.findByToken(progressToken)).orElseThrow(() -> DomainException.notFound("intake.progress.unknown"));
        application.requireOpen();
        ApplicationMaterial material = applications.materials(application.id()).stream().filter(m -> m.materialCode().equals(materialCode))
                .findFirst().orElseThrow(() -> DomainException.invalid("materialCode", "intake.material.not-on-checklist", materialCode));
        if (material.state().satisfied()) {
            throw DomainException.invalid("materialCode", "intake.material.applicant-already-supplied");
        }
        CurrentUser applicant = new CurrentUser(0, OnlineApplicationPolicy.CREATED_BY, OnlineApplicationPolicy.CREATED_BY,
                application.orgUnitId(), "", "", application.orgPath(), application.orgPath(), java.util.Set.of());
        Document document = documents.add(new DocumentOwner(application.id(), application.orderNo(), application.orgPath()),
                DocumentKind.MATERIAL, materialCode, currentNode(application), file, FILES, applicant);
        return supplied(application, materialCode, document);
    }

    /** The order's checklist as its applicant sees it behind the progress link; empty for a link that leads nowhere. */
    @Transactional(readOnly = true)
    public List<ApplicationMaterial> materialsByToken(String progressToken) {
        if (progressToken == null || !progressToken.matches("[A-Za-z0-9_-]{16,64}")) {
            return List.of();
        }
        return applications.findByToken(progressToken).map(a -> applications.materials(a.id())).orElse(List.of());
    }

    /**
     * A licence fetched from the government e-licence platform on the applicant's consent (R-LIC-1, R-MAT-5), in the
     * caller's transaction: filed in the archive as the first of {@code materialCodes} that the order's checklist holds,
     * which is then supplied as by {@link #supply}; with none of them on the checklist it is filed under the first and
     * supplies nothing. The consent checked by the caller is the authority here, so any actor may file it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Document supplyFetched(long applicationId, List<String> materialCodes, UploadedFile file, CurrentUser actor) {
        Application application = applications.get(applicationId);
        application.requireOpen();
        List<ApplicationMaterial> materials = applications.materials(applicationId);
        String onChecklist = materialCodes.stream()
                .filter(code -> materials.stream().anyMatch(m -> m.materialCode().equals(code))).findFirst().orElse(null);
        Document document = documents.add(new DocumentOwner(applicationId, application.orderNo(), application.orgPath()),
                DocumentKind.MATERIAL, onChecklist == null ? materialCodes.get(0) : onChecklist, currentNode(application), file,
                FILES, actor);
        if (onChecklist != null) {
            supplied(application, onChecklist, document);
        }
        return document;
    }

    /** The node the order stands at, as its open tasks on the work list have it. */
    private String currentNode(Application application) {
        return application.currentNode(workList.openItems(new OrderId(application.id())));
    }

    private ApplicationMaterial supplied(Application read, String materialCode, Document document) {
        long applicationId = read.id();
        // Decide on resuming from the order as it stands once no node can be reached on it meanwhile (see findLocked).
        Application application = applications.findLocked(applicationId)
                .orElseThrow(() -> DomainException.notFound("intake.order.not-found", Long.toString(applicationId)));
        var now = clock.instant();
        applications.markSupplied(applicationId, materialCode, document.id(), now);
        audit.record(IntakeAudit.MATERIAL_SUPPLIED, "application", application.orderNo(), "material=" + materialCode + " document="
                + document.id() + " version=" + document.version() + " format=" + document.fileType() + " bytes=" + document.sizeBytes());

        // Only a suspended order waits at its node; read as it stands now that no node can be reached on it meanwhile.
        String node = application.status() == ApplicationStatus.SUSPENDED ? currentNode(application) : null;
        List<String> stillMissing = node == null ? List.of()
                : DeferredMaterialPolicy.missingAt(node, applications.materials(applicationId));
        if (application.status() == ApplicationStatus.SUSPENDED && !stillMissing.isEmpty()) {
            // The banner names what is still missing, not what has just arrived.
            application.stillMissing(materialNames.describe(stillMissing));
            applications.update(application);
        } else if (application.status() == ApplicationStatus.SUSPENDED && node != null) {
            application.resume(node, now);
            // Announces OrderResumed: the order's clock runs on, in this transaction.
            applications.update(application);
            audit.record(IntakeAudit.APPLICATION_RESUMED, "application", application.orderNo(), "material=" + materialCode);
            notifications.sms(cipher.decrypt(applications.phoneSealed(applicationId)), "order-resumed",
                    Map.of("number", application.orderNo(), "token", application.progressToken()), application.orderNo());
        }
        return applications.materials(applicationId).stream().filter(m -> m.materialCode().equals(materialCode))
                .findFirst().orElseThrow();
    }
}
