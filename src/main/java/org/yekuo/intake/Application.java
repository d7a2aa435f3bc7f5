package org.yekuo.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.yekuo.shared.DomainException;
import org.yekuo.workflow.WorkItem;

/**
 * An application as Yekuo keeps it: personal data only masked here; the sealed values stay in
 * the database. State changes are guarded: a cancelled or completed order changes no more, a
 * suspended one moves only when its missing material arrives. A change other modules follow registers its event
 * ({@link OrderSuspended}, {@link OrderResumed}), announced once the change is written ({@link Applications#update}).
 */
public final class Application {

    private final long id;
    private final String orderNo;
    private final String typeCode;
    private final int typeVersion;
    private final String planTypeCode;
    private final int planTypeVersion;
    private final String family;
    private ApplicationStatus status;
    private String suspendedReason;
    private final ApplicantKind applicantKind;
    private final String applicantNameMasked;
    private final String subjectCodeMasked;
    private final String phoneMasked;
    private final String supplyAddress;
    private final BigDecimal capacity;
    private final CapacityUnit capacityUnit;
    private final long orgUnitId;
    private final String orgPath;
    /** The node a withdrawn order stopped at; an open order's node is its open task's, which the work list holds. */
    private String stoppedAt;
    private final String progressToken;
    private final String createdBy;
    private final Instant createdAt;
    private Instant completedAt;
    private String cancelledReason;
    private Instant suspendedAt;
    private String chasedBy;
    private final int rowVersion;
    private final List<Object> events = new ArrayList<>();

    Application(long id, String orderNo, String typeCode, int typeVersion, String planTypeCode, int planTypeVersion,
            String family, ApplicationStatus status,
            String suspendedReason, ApplicantKind applicantKind, String applicantNameMasked, String subjectCodeMasked,
            String phoneMasked, String supplyAddress, BigDecimal capacity, CapacityUnit capacityUnit, long orgUnitId,
            String orgPath, String stoppedAt, String progressToken, String createdBy, Instant createdAt,
            Instant completedAt, String cancelledReason, Instant suspendedAt, String chasedBy, int rowVersion) {
        this.id = id;
        this.orderNo = orderNo;
        this.typeCode = typeCode;
        this.typeVersion = typeVersion;
        this.planTypeCode = planTypeCode;
        this.planTypeVersion = planTypeVersion;
        this.family = family;
        this.status = status;
        this.suspendedReason = suspendedReason;
        this.applicantKind = applicantKind;
        this.applicantNameMasked = applicantNameMasked;
        this.subjectCodeMasked = subjectCodeMasked;
        this.phoneMasked = phoneMasked;
        this.supplyAddress = supplyAddress;
        this.capacity = capacity;
        this.capacityUnit = capacityUnit;
        this.orgUnitId = orgUnitId;
        this.orgPath = orgPath;
        this.stoppedAt = stoppedAt;
        this.progressToken = progressToken;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.completedAt = completedAt;
        this.cancelledReason = cancelledReason;
        this.suspendedAt = suspendedAt;
        this.chasedBy = chasedBy;
        this.rowVersion = rowVersion;
    }

    /** Refuses any work on an order that is not open, or that waits for the customer's material. */
    void requireWorkable() {
        requireOpen();
        if (status == ApplicationStatus.SUSPENDED) {
            throw DomainException.conflict("intake.order.suspended", orderNo, suspendedReason);
        }
    }

    void requireOpen() {
        if (!status.open()) {
            throw DomainException.conflict("intake.order.closed", orderNo);
        }
    }

    /** The order waits at {@code nodeCode} for the customer's material. */
    void suspend(String nodeCode, String reason, Instant at) {
        requireOpen();
        status = ApplicationStatus.SUSPENDED;
        suspendedReason = reason;
        suspendedAt = at;
        chasedBy = null;
        events.add(new OrderSuspended(id, orderNo, nodeCode, reason, at));
    }

    /** A material arrived while others are still missing: the order still waits, for what is left. */
    void stillMissing(String reason) {
        if (status == ApplicationStatus.SUSPENDED) {
            suspendedReason = reason;
        }
    }

    /** A member of staff takes on collecting the missing material from the customer. */
    void chaseBy(String username) {
        if (status != ApplicationStatus.SUSPENDED) {
            throw DomainException.conflict("intake.chase.not-suspended", orderNo);
        }
        chasedBy = username;
    }

    /** Back to work at {@code nodeCode} once nothing due is missing any more; true when it was suspended. */
    boolean resume(String nodeCode, Instant at) {
        if (status != ApplicationStatus.SUSPENDED) {
            return false;
        }
        status = ApplicationStatus.ACTIVE;
        suspendedReason = null;
        suspendedAt = null;
        chasedBy = null;
        events.add(new OrderResumed(id, orderNo, nodeCode, at));
        return true;
    }

    /** The events registered since the last call, in the order they happened. */
    List<Object> takeEvents() {
        List<Object> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    /** Withdrawn at {@code atNode} (null before its process reached one), which the order keeps showing. */
    void cancel(String reason, String atNode) {
        requireOpen();
        status = ApplicationStatus.CANCELLED;
        cancelledReason = reason;
        stoppedAt = atNode;
    }

    void complete(Instant at) {
        requireOpen();
        status = ApplicationStatus.COMPLETED;
        completedAt = at;
    }

    public long id() {
        return id;
    }

    public String orderNo() {
        return orderNo;
    }

    public String typeCode() {
        return typeCode;
    }

    public int typeVersion() {
        return typeVersion;
    }

    /** The business type (and version) whose nodes, limits and checklist the order runs by. */
    public String planTypeCode() {
        return planTypeCode;
    }

    public int planTypeVersion() {
        return planTypeVersion;
    }

    public String family() {
        return family;
    }

    public ApplicationStatus status() {
        return status;
    }

    public String suspendedReason() {
        return suspendedReason;
    }

    public ApplicantKind applicantKind() {
        return applicantKind;
    }

    public String applicantNameMasked() {
        return applicantNameMasked;
    }

    public String subjectCodeMasked() {
        return subjectCodeMasked;
    }

    public String phoneMasked() {
        return phoneMasked;
    }

    public String supplyAddress() {
        return supplyAddress;
    }

    public BigDecimal capacity() {
        return capacity;
    }

    public CapacityUnit capacityUnit() {
        return capacityUnit;
    }

    public long orgUnitId() {
        return orgUnitId;
    }

    public String orgPath() {
        return orgPath;
    }

    /** The node a withdrawn order stopped at; null for any other (see {@link #currentNode(List)}). */
    String stoppedAt() {
        return stoppedAt;
    }

    /**
     * Where the order stands: an open order at the newest of its open nodes ({@code openItems}, oldest first, as the work
     * list has them), a withdrawn one where it stopped, a completed one nowhere.
     */
    public String currentNode(List<WorkItem> openItems) {
        if (status.open()) {
            return openItems.isEmpty() ? null : openItems.get(openItems.size() - 1).nodeCode();
        }
        return stoppedAt;
    }

    public String progressToken() {
        return progressToken;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public String cancelledReason() {
        return cancelledReason;
    }

    /** Since when a suspended order waits for the customer's material. */
    public Instant suspendedAt() {
        return suspendedAt;
    }

    /** Who is collecting a suspended order's missing material, if anyone has taken it on. */
    public String chasedBy() {
        return chasedBy;
    }

    int rowVersion() {
        return rowVersion;
    }
}
