package org.yekuo.intake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Validator;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.Role;
import org.yekuo.notification.Notifications;
import org.yekuo.notification.VerificationCodes;
import org.yekuo.notification.VerificationPurpose;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Masking;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.workflow.OrderProcesses;
import org.yekuo.workflow.OpenNodes;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.WorkList;
import org.yekuo.workflow.OrderReference;
import org.yekuo.workflow.TaskId;
import org.yekuo.workflow.WorkItem;

/**
 * Accepts applications on one certificate (R-MAT-3), at the counter or online, reuses materials on
 * file (R-MAT-5), and cancels them. Each call is one transaction: the order, its materials, the process,
 * the audit record and the applicant's SMS commit together or not at all.
 */
@Service
public class ApplicationIntake {

    /** Capacity below which a type that follows the voltage (relocation, temporary power) runs as LV. */
    static final int LOW_VOLTAGE_LIMIT_KW = 100;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Applications applications;
    private final Catalogue catalogue;
    private final OrderProcesses processes;
    private final OpenNodes nodes;
    private final WorkList workList;
    private final PersonalDataCipher cipher;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final Clock clock;
    private final Validator validator;
    private final OrgUnits orgUnits;
    private final VerificationCodes verificationCodes;
    private final ApplicationEventPublisher events;

    ApplicationIntake(Applications applications, Catalogue catalogue, OrderProcesses processes, OpenNodes nodes, WorkList workList,
            PersonalDataCipher cipher,
            Notifications notifications, AuditTrail audit, Clock clock, Validator validator, OrgUnits orgUnits,
            VerificationCodes verificationCodes, ApplicationEventPublisher events) {
        this.applications = applications;
        this.catalogue = catalogue;
        this.processes = processes;
        this.nodes = nodes;
        this.workList = workList;
        this.cipher = cipher;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
        this.validator = validator;
        this.orgUnits = orgUnits;
        this.verificationCodes = verificationCodes;
        this.events = events;
    }

    /**
     * Accepts an application at the clerk's counter. A repeated request with the same idempotency key
     * answers with the order the first one created, so a retry never makes two orders.
     */
    @Transactional
    public Application accept(NewApplication request, Optional<String> idempotencyKey, CurrentUser clerk) {
        return accept(request, idempotencyKey, new Receipt(Channel.COUNTER, clerk.orgUnitId(), clerk.orgPath(),
                clerk.username(), clerk));
    }

    /**
     * Accepts an application the applicant submitted online from their phone, at the supply station
     * they chose, under the same rules as at the counter. Nobody signs for its acceptance node yet: a
     * clerk of the station finds it in their work and signs for it. The caller vouches that
     * {@code request.phone()} is the number the applicant has just proven with a verification code.
     */
    @Transactional
    public Application acceptOnline(NewApplication request, long stationOrgUnitId, Optional<String> idempotencyKey) {
        OnlineApplicationPolicy.requireOfferedOnline(request.typeCode(), catalogue);
        OrgUnit station = orgUnits.byId(stationOrgUnitId).filter(unit -> unit.kind() == OrgUnit.Kind.STATION && !unit.closed())
                .orElseThrow(() -> DomainException.invalid("stationId", "online.station.unknown"));
        return accept(request, idempotencyKey, new Receipt(Channel.ONLINE, station.id(), station.path(),
                OnlineApplicationPolicy.CREATED_BY, null));
    }

    /**
     * {@link #acceptOnline(NewApplication, long, Optional)} for integrators, who prove the phone with the
     * verification code in the same request. The code is used up only when the application is accepted;
     * a retry with the same idempotency key answers with the first order without a new code.
     */
    @Transactional
    public Application acceptOnline(NewApplication request, long stationOrgUnitId, String verificationCode,
            Optional<String> idempotencyKey) {
        Optional<Application> earlier = earlier(request, idempotencyKey, Channel.ONLINE, OnlineApplicationPolicy.CREATED_BY);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        verificationCodes.verify(request.phone(), VerificationPurpose.ONLINE_APPLICATION, verificationCode);
        return acceptOnline(request, stationOrgUnitId, idempotencyKey);
    }

    /** Where and by whom an application is received; {@code receiver} signs for its first node, if any. */
    private record Receipt(Channel channel, long orgUnitId, String orgPath, String createdBy, CurrentUser receiver) {
    }

    private Application accept(NewApplication request, Optional<String> idempotencyKey, Receipt receipt) {
        Optional<Application> earlier = earlier(request, idempotencyKey, receipt.channel(), receipt.createdBy());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        validate(request);
        BusinessTypeDefinition requested = knownType(request.typeCode());
        OneCertificateStartPolicy.requireSubjectFits(requested, request.applicantKind());
        String subjectCode = request.applicantKind() == ApplicantKind.PERSON
                ? ResidentIdNumber.parse("subjectCode", request.subjectCode()).value()
                : UnifiedSocialCreditCode.parse("subjectCode", request.subjectCode()).value();
        BusinessTypeDefinition type = Optional.ofNullable(requested.lowVoltageVariant())
                .filter(variant -> request.capacity().intValue() < LOW_VOLTAGE_LIMIT_KW)
                .map(catalogue::current).orElse(requested);

        String subjectIndex = cipher.blindIndex(subjectCode);
        var sealed = new Applications.Sealed(cipher.encrypt(request.applicantName().trim()),
                cipher.blindIndex(request.applicantName().trim()), cipher.encrypt(subjectCode), subjectIndex,
                cipher.encrypt(request.phone()), cipher.blindIndex(request.phone()));
        Map<String, OneCertificateStartPolicy.OnFileCopy> onFile = new HashMap<>();
        // At the counter the clerk has seen the certificate; online only the phone is proven, so an earlier order's
        // copies are the applicant's only where that order carried the same phone.
        applications.onFile(subjectIndex).stream()
                .filter(f -> receipt.channel() == Channel.COUNTER || sealed.phoneIndex().equals(f.phoneIndex()))
                .forEach(f -> onFile.put(f.materialCode(), new OneCertificateStartPolicy.OnFileCopy(f.applicationId(), f.supplyAddress())));

        var now = clock.instant();
        int year = LocalDate.now(clock).getYear();
        applications.lockOrderNumbers(year);
        // A parallel request with the same key that got the lock first has committed its order by now.
        Optional<Application> raced = earlier(request, idempotencyKey, receipt.channel(), receipt.createdBy());
        if (raced.isPresent()) {
            return raced.get();
        }
        String orderNo = applications.nextOrderNo(year);
        String token = newToken();
        String phoneMasked = Masking.mobile(request.phone());
        long id = applications.insert(orderNo, requested.code(), requested.version(), type.code(), type.version(),
                type.family().name(), request, sealed,
                Masking.chineseName(request.applicantName().trim()),
                request.applicantKind() == ApplicantKind.PERSON ? Masking.idNumber(subjectCode) : Masking.creditCode(subjectCode),
                phoneMasked, receipt.channel(), receipt.orgUnitId(), receipt.orgPath(), token,
                idempotencyKey.orElse(null), receipt.createdBy(), now);
        List<ApplicationMaterial> materials = OneCertificateStartPolicy.initialMaterials(type, request.byAgent(),
                request.supplyAddress().trim(), onFile, now);
        materials.forEach(m -> applications.insertMaterial(id, m));

        // Online nobody is signed in, so the masked number tells the audit trail who applied.
        audit.record(IntakeAudit.APPLICATION_ACCEPTED, "application", orderNo, "type=" + requested.code() + " version="
                + requested.version() + " deferred=" + materials.stream().filter(m -> m.state() == MaterialState.DEFERRED).count()
                + " onFile=" + materials.stream().filter(m -> m.state() == MaterialState.ON_FILE).count() + " channel=" + receipt.channel()
                + (receipt.channel() == Channel.ONLINE ? " phone=" + phoneMasked : ""));
        // Announced before its process starts, so that the order's first event is its acceptance.
        if (receipt.channel() == Channel.COUNTER) {
            events.publishEvent(new OrderAccepted(id, orderNo, type.code(), Channel.COUNTER.name(), receipt.orgPath(), now));
        } else {
            events.publishEvent(new OnlineApplicationReceived(id, orderNo, idempotencyKey.orElse(null), now));
        }
        processes.start(new OrderReference(id, orderNo, type.code(), type.version(), receipt.orgPath()), toFamily(type),
                type.nodeSequence().stream().map(KeyNode::name).toList());
        // At the counter the clerk who accepts the application receives its first node.
        if (receipt.receiver() != null) {
            for (WorkItem item : workList.openItems(new OrderId(id))) {
                nodes.signFor(item.taskId(), receipt.receiver());
            }
        }
        // Online the applicant is told it arrived; a clerk's acceptance at the station tells them it is accepted.
        notifications.sms(request.phone(), receipt.channel() == Channel.ONLINE ? "application-submitted" : "application-received",
                Map.of("number", orderNo, "token", token), orderNo);
        return applications.get(id);
    }

    /**
     * The order an earlier request with the same idempotency key created. A key belongs to its caller — the clerk who
     * sent it at the counter, the proven phone online — and is refused to anyone else rather than answered with their
     * order and its progress link.
     */
    private Optional<Application> earlier(NewApplication request, Optional<String> idempotencyKey, Channel channel,
            String createdBy) {
        return idempotencyKey.flatMap(applications::findByIdempotencyKey).map(holder -> {
            boolean sameCaller = holder.channel() == channel && switch (channel) {
                case COUNTER -> holder.createdBy().equals(createdBy);
                case ONLINE -> request.phone() != null && !request.phone().isBlank()
                        && cipher.blindIndex(request.phone().strip()).equals(holder.phoneIndex());
            };
            if (!sameCaller) {
                throw DomainException.conflict("online.idempotency-key.taken");
            }
            return applications.get(holder.applicationId());
        });
    }

    /** Withdraws an open application with a reason; its process ends with it. */
    @Transactional
    public Application cancel(long applicationId, String reason, CurrentUser user) {
        if (reason == null || reason.isBlank() || reason.trim().length() > 400) {
            throw DomainException.invalid("reason", "intake.cancel.reason");
        }
        Application application = applications.get(applicationId);
        OrderAccess.requireInScope(application, user);
        // A department head reads orders company-wide but cancels only those of their own unit.
        if (!user.hasAny(Role.CLERK, Role.LEADER) && !application.orgPath().startsWith(user.orgPath())) {
            throw DomainException.forbidden("intake.cancel.other-unit");
        }
        application.cancel(reason.trim(), application.currentNode(workList.openItems(new OrderId(applicationId))));
        applications.update(application);
        processes.cancel(new OrderId(applicationId), reason.trim());
        audit.record(IntakeAudit.APPLICATION_CANCELLED, "application", application.orderNo(), "reason=" + reason.trim());
        notifications.sms(cipher.decrypt(applications.phoneSealed(applicationId)), "order-cancelled",
                Map.of("number", application.orderNo(), "reason", MaterialNames.shortened(reason.trim())), application.orderNo());
        return application;
    }

    /** All field problems at once, each with the message its constraint names. */
    private void validate(NewApplication request) {
        List<DomainException.FieldProblem> problems = validator.validate(request).stream()
                .sorted(java.util.Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new DomainException.FieldProblem(v.getPropertyPath().toString(),
                        v.getMessageTemplate().replaceAll("^\\{|\\}$", "")))
                .toList();
        if (!problems.isEmpty()) {
            throw new DomainException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, problems, "validation.failed");
        }
    }

    private BusinessTypeDefinition knownType(String typeCode) {
        return catalogue.findCurrent(typeCode).orElseThrow(() -> DomainException.invalid("typeCode", "intake.type.unknown", typeCode));
    }

    static org.yekuo.workflow.ProcessFamily toFamily(BusinessTypeDefinition type) {
        return org.yekuo.workflow.ProcessFamily.valueOf(type.family().name());
    }

    private static String newToken() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
