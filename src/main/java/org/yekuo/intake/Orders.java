package org.yekuo.intake;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.workflow.NodeHistory;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.OrderProcesses;
import org.yekuo.workflow.WorkItem;
import org.yekuo.workflow.WorkList;

/** Reads orders within the reader's data scope. */
@Service
@Transactional(readOnly = true)
public class Orders {

    private final Applications applications;
    private final OrderProcesses processes;
    private final WorkList workList;
    private final StaffMembers staff;
    private final OrderSearches searches;
    private final PersonalDataCipher cipher;
    private final AuditTrail audit;

    Orders(Applications applications, OrderProcesses processes, WorkList workList, StaffMembers staff, OrderSearches searches,
            PersonalDataCipher cipher, AuditTrail audit) {
        this.applications = applications;
        this.processes = processes;
        this.workList = workList;
        this.staff = staff;
        this.searches = searches;
        this.cipher = cipher;
        this.audit = audit;
    }

    public OrderView view(long id, CurrentUser user) {
        Application application = applications.get(id);
        OrderAccess.requireInScope(application, user);
        List<NodeHistory> timeline = processes.timeline(new OrderId(id));
        Set<String> handlers = timeline.stream().map(NodeHistory::handler).filter(Objects::nonNull)
                .collect(Collectors.toCollection(java.util.HashSet::new));
        if (application.chasedBy() != null) {
            handlers.add(application.chasedBy());
        }
        Map<String, String> handlerNames = staff.displayNames(handlers);
        return OrderView.of(application, applications.materials(id), timeline, workList.openItems(new OrderId(id)),
                applications.nodeFields(id), handlerNames);
    }

    /**
     * What a list of work shows of each order (number, masked applicant, supply address), for many orders
     * in one read; orders outside the reader's scope are left out.
     */
    public Map<Long, OrderHeadline> headlines(Collection<Long> ids, CurrentUser user) {
        Map<Long, OrderHeadline> headlines = new HashMap<>();
        applications.findAll(ids).values().stream().filter(a -> user.scope().includes(a.orgPath()))
                .forEach(a -> headlines.put(a.id(), new OrderHeadline(a.id(), a.orderNo(), a.applicantNameMasked(), a.supplyAddress())));
        return headlines;
    }

    /** An order's line in a list of work: personal data masked. */
    public record OrderHeadline(long id, String orderNo, String applicantName, String supplyAddress) {
    }

    /**
     * The order as the system sees it, without a reader's data scope: for modules that act on an order
     * from the engine's callbacks (such as the review of its scheme) and check the scope themselves.
     */
    public Optional<Application> find(long id) {
        return applications.find(id);
    }

    /**
     * The idempotency key of the form the order was accepted from: what the counter's form was known by before the
     * order existed, so that a module holding something for that form (a licence fetched while it was filled in) can
     * hand it to the order.
     */
    public Optional<String> formKey(long id) {
        return applications.idempotencyKey(id);
    }

    /** {@link #find(long)} by order number, for other systems that know an order by its number. */
    public Optional<Application> findByOrderNo(String orderNo) {
        return applications.findByOrderNo(orderNo);
    }

    /** Orders of the reader's scope that match the search, newest first, a page at a time. */
    public OrderPage list(CurrentUser user, OrderSearch search, int page, int size) {
        String scope = user.scope().likePattern();
        List<Application> found = searches.find(scope, search, page, size);
        // The page's open orders' nodes in one read of the work list, where the open node is kept.
        Map<Long, List<WorkItem>> open = workList.openItems(found.stream().filter(a -> a.status().open()).map(Application::id).toList());
        List<OrderSummary> rows = found.stream().map(a -> OrderSummary.of(a, open.getOrDefault(a.id(), List.of()))).toList();
        return new OrderPage(rows, searches.count(scope, search), page, size);
    }

    public record OrderPage(List<OrderSummary> orders, long total, int page, int size) {
    }

    /**
     * The applicant's mobile number and subject code (credit code or ID number) in full, for a module that acts on
     * the applicant's own consent sent to that number (an e-licence retrieval, R-LIC-2); never for display.
     */
    public ApplicantIdentity applicantIdentity(long id) {
        Application application = applications.get(id);
        return new ApplicantIdentity(application.applicantKind(), cipher.decrypt(applications.phoneSealed(id)),
                cipher.decrypt(applications.subjectCodeSealed(id)), cipher.decrypt(applications.applicantNameSealed(id)));
    }

    /**
     * The applicant's name and supply address a person took from a licence they confirmed (fetched from the e-licence
     * platform or read off a paper, issue 20): written into the open order in the caller's transaction, checked as at
     * acceptance, and audited with the licence it came from. Null or blank values and values equal to the order's
     * change nothing; the answer names the fields that changed.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public List<String> takeFromLicence(long id, String name, String supplyAddress, String source, String actor) {
        Application application = applications.get(id);
        application.requireOpen();
        List<String> taken = new java.util.ArrayList<>();
        String newName = name == null ? "" : name.strip();
        if (!newName.isEmpty() && !newName.equals(cipher.decrypt(applications.applicantNameSealed(id)))) {
            if (newName.length() < 2 || newName.length() > 60 || !newName.matches(NewApplication.NAME_CHARACTERS)) {
                throw DomainException.invalid("name", "intake.field.name");
            }
            applications.renameApplicant(id, cipher.encrypt(newName), cipher.blindIndex(newName), org.yekuo.shared.Masking.chineseName(newName));
            taken.add("name");
        }
        String newAddress = supplyAddress == null ? "" : supplyAddress.strip();
        if (!newAddress.isEmpty() && !newAddress.equals(application.supplyAddress())) {
            if (newAddress.length() < 5 || newAddress.length() > 200 || !newAddress.matches(NewApplication.ADDRESS_CHARACTERS)) {
                throw DomainException.invalid("address", "intake.field.address");
            }
            applications.moveSupplyAddress(id, newAddress);
            taken.add("address");
        }
        if (!taken.isEmpty()) {
            audit.record(IntakeAudit.APPLICATION_APPLICANT_TAKEN, "application", application.orderNo(), "fields=" + String.join(",", taken)
                    + " source=" + source + " by=" + actor);
        }
        return taken;
    }

    /** Who the applicant is, in full: see {@link #applicantIdentity(long)}. */
    public record ApplicantIdentity(ApplicantKind kind, String phone, String subjectCode, String name) {
    }

    /**
     * The applicant's full mobile number for staff who call the customer (clerks, surveyors), in their
     * scope; every reveal is audited. Everyone else sees it masked.
     */
    @Transactional
    public String revealPhone(long id, CurrentUser user) {
        Application application = applications.get(id);
        OrderAccess.requireInScope(application, user);
        if (!user.hasAny(Role.CLERK, Role.SURVEYOR)) {
            throw DomainException.forbidden("intake.phone.reveal-not-allowed");
        }
        audit.record(IntakeAudit.APPLICATION_PHONE_REVEALED, "application", application.orderNo(), "by=" + user.username());
        return cipher.decrypt(applications.phoneSealed(id));
    }
}
