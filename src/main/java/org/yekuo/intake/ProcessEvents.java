package org.yekuo.intake;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.yekuo.audit.AuditTrail;
import org.yekuo.notification.Notifications;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.workflow.NodeCompleted;
import org.yekuo.workflow.NodeReached;
import org.yekuo.workflow.ProcessCompleted;

/**
 * Keeps the order in step with its process, inside the engine's transaction: the deferred-material check at each
 * node (remind, or suspend when something due is missing, R-MAT-4, which stops the order's clock: its keeper listens
 * to {@link OrderSuspended}), and completion at power-on. The node itself is not copied to the order: the work list
 * holds it (see {@link Application#currentNode}).
 * Processes whose business key is no application are not ours to follow.
 */
@Component
class ProcessEvents {

    /** The nodes reached or completed in the running transaction, as order id and node code. */
    private static final String ARRIVED = ProcessEvents.class.getName() + ".arrived";

    private final Applications applications;
    private final MaterialNames materialNames;
    private final PersonalDataCipher cipher;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProcessEvents(Applications applications, MaterialNames materialNames, PersonalDataCipher cipher,
            Notifications notifications, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.applications = applications;
        this.materialNames = materialNames;
        this.cipher = cipher;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    void on(NodeReached event) {
        // Locked, so that a material supplied at this moment is either seen here or sees the suspension (see findLocked).
        applications.findLocked(event.orderId().value()).ifPresent(application -> reached(application, event));
    }

    private void reached(Application application, NodeReached event) {
        if (!atNode(event.orderId().value(), event.nodeCode())) {
            // The node's parallel tasks (one per reviewing department) arrive together, and the leader's ruling comes
            // from the node's last opinion: one arrival.
            return;
        }
        List<ApplicationMaterial> materials = applications.materials(application.id());
        List<String> missing = DeferredMaterialPolicy.missingAt(event.nodeCode(), materials);
        List<String> outstanding = DeferredMaterialPolicy.outstanding(materials);
        String phone = null;
        if (!missing.isEmpty() && !"ACCEPTANCE".equals(event.nodeCode())) {
            // Announced as OrderSuspended when the order is written below: the order's clock stops with it.
            application.suspend(event.nodeCode(), materialNames.describe(missing), clock.instant());
            audit.record(IntakeAudit.APPLICATION_SUSPENDED, "application", application.orderNo(),
                    "node=" + event.nodeCode() + " missing=" + missing);
            phone = cipher.decrypt(applications.phoneSealed(application.id()));
            notifications.sms(phone, "order-suspended", Map.of("number", application.orderNo(),
                    "materials", materialNames.forSms(missing), "token", application.progressToken()),
                    application.orderNo());
        } else if (!outstanding.isEmpty() && !"ACCEPTANCE".equals(event.nodeCode())) {
            phone = cipher.decrypt(applications.phoneSealed(application.id()));
            notifications.sms(phone, "materials-reminder", Map.of("number", application.orderNo(),
                    "node", materialNames.node(event.nodeCode()), "materials", materialNames.forSms(outstanding),
                    "token", application.progressToken()), application.orderNo());
        }
        if (application.status() == ApplicationStatus.SUSPENDED) {
            // Only a suspension changes the order here; reaching a node leaves its row as it was.
            applications.update(application);
        }
    }

    /**
     * Notes that the order is at {@code nodeCode} in the running transaction; false when it was there already. A
     * countersign's tasks, one per department, are created together by the completion before them, in one engine
     * command, and the leader's ruling task by the completion of the node's last opinion.
     */
    private static boolean atNode(long orderId, String nodeCode) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Set<String> arrived = (Set<String>) TransactionSynchronizationManager.getResource(ARRIVED);
        if (arrived == null) {
            Set<String> fresh = new HashSet<>();
            TransactionSynchronizationManager.bindResource(ARRIVED, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ARRIVED);
                }
            });
            arrived = fresh;
        }
        return arrived.add(orderId + ":" + nodeCode);
    }

    /** An online application is accepted when a clerk of its station completes its acceptance: now it is texted so. */
    @EventListener
    void on(NodeCompleted event) {
        atNode(event.orderId().value(), event.nodeCode());
        if (!"ACCEPTANCE".equals(event.nodeCode())) {
            return;
        }
        applications.find(event.orderId().value()).filter(a -> OnlineApplicationPolicy.CREATED_BY.equals(a.createdBy()))
                .ifPresent(a -> {
                    notifications.sms(cipher.decrypt(applications.phoneSealed(a.id())), "application-received",
                            Map.of("number", a.orderNo(), "token", a.progressToken()), a.orderNo());
                    events.publishEvent(new OrderAccepted(a.id(), a.orderNo(), a.typeCode(), Channel.ONLINE.name(), a.orgPath(),
                            event.completedAt()));
                });
    }

    @EventListener
    void on(ProcessCompleted event) {
        applications.find(event.orderId().value()).ifPresent(this::completed);
    }

    private void completed(Application application) {
        application.complete(clock.instant());
        applications.update(application);
        audit.record(IntakeAudit.APPLICATION_COMPLETED, "application", application.orderNo(), "");
        String phoneSealed = applications.phoneSealed(application.id());
        notifications.sms(cipher.decrypt(phoneSealed), "power-on",
                Map.of("number", application.orderNo(), "token", application.progressToken()), application.orderNo());
        events.publishEvent(new OrderCompleted(application.id(), application.orderNo(), application.typeCode(),
                application.orgPath(), phoneSealed, application.completedAt()));
    }
}
