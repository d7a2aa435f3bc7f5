package org.yekuo.identity.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.Role;
import org.yekuo.identity.internal.StaffAdministration;
import org.yekuo.identity.internal.StaffAdministration.NewStaffMember;
import org.yekuo.identity.internal.StaffChange;
import org.yekuo.identity.internal.StaffListing;
import org.yekuo.identity.internal.StaffPage;
import org.yekuo.identity.internal.StaffSearch;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Paging;

/** Staff accounts and the org-unit tree, within the caller's data scope. */
@RestController
@RequestMapping("/api/identity")
@Tag(name = "identity", description = "Staff accounts, roles and org units (security administration)")
class StaffApi {

    private final CurrentUsers users;
    private final StaffSearch search;
    private final StaffAdministration administration;
    private final OrgUnits orgUnits;

    StaffApi(CurrentUsers users, StaffSearch search, StaffAdministration administration, OrgUnits orgUnits) {
        this.users = users;
        this.search = search;
        this.administration = administration;
        this.orgUnits = orgUnits;
    }

    @GetMapping("/staff")
    @PreAuthorize("hasAnyRole('SECURITY_ADMIN', 'ADMIN')")
    @Operation(summary = "List staff in the caller's org unit and below",
            description = "Security administrators and (read-only) system administrators. Filters: org unit (with its sub-units), text in username or name.")
    StaffPage list(@Parameter(description = "only this org unit and below") @RequestParam(required = false) Long orgUnitId,
            @Parameter(description = "part of the username or name") @RequestParam(required = false) String q,
            @Parameter(description = "0-based page number") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "page size, 1 to 100") @RequestParam(defaultValue = "20") int size) {
        Paging.check(page, size);
        return search.search(users.require().scope(), new StaffSearch.Filter(orgUnitId, q), page, size);
    }

    @GetMapping("/staff/{id}")
    @PreAuthorize("hasAnyRole('SECURITY_ADMIN', 'ADMIN')")
    @Operation(summary = "One member of staff; 404 when outside the caller's data scope")
    StaffListing one(@PathVariable long id) {
        return find(users.require(), id);
    }

    @PostMapping("/staff")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Create a member of staff",
            description = "Username 3-60 of [a-z0-9._-], unique; password at least 8 characters of 3 kinds, not the username; "
                    + "at most one of ADMIN, SECURITY_ADMIN, AUDITOR; org unit within the caller's scope. An account with "
                    + "ADMIN, SECURITY_ADMIN or AUDITOR is not created at once: 202 with the change a second security "
                    + "administrator approves under /api/identity/staff-changes.")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StaffListing.class)))
    @ApiResponse(responseCode = "202", description = "Waiting for a second security administrator's approval",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StaffChange.class)))
    ResponseEntity<Object> create(@RequestBody NewStaffMember account) {
        CurrentUser actor = users.require();
        StaffAdministration.Outcome outcome = administration.create(actor, account);
        if (outcome.isPending()) {
            return pending(outcome);
        }
        long id = outcome.member().id();
        return ResponseEntity.created(URI.create("/api/identity/staff/" + id)).body(find(actor, id));
    }

    @PutMapping("/staff/{id}/roles")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Replace a member of staff's roles (not one's own); 202 when ADMIN, SECURITY_ADMIN or AUDITOR is involved")
    @ApiResponse(responseCode = "200", description = "Changed", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = StaffListing.class)))
    @ApiResponse(responseCode = "202", description = "Waiting for a second security administrator's approval",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StaffChange.class)))
    ResponseEntity<Object> changeRoles(@PathVariable long id, @RequestBody RolesChange change) {
        CurrentUser actor = users.require();
        return answer(actor, id, administration.changeRoles(actor, id, change.roles()));
    }

    @PutMapping("/staff/{id}/org-unit")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Move a member of staff to another org unit within the caller's scope; 202 for a privileged account")
    @ApiResponse(responseCode = "200", description = "Moved", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = StaffListing.class)))
    @ApiResponse(responseCode = "202", description = "Waiting for a second security administrator's approval",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StaffChange.class)))
    ResponseEntity<Object> moveTo(@PathVariable long id, @RequestBody OrgUnitChange change) {
        CurrentUser actor = users.require();
        return answer(actor, id, administration.moveTo(actor, id, change.orgUnitId()));
    }

    @PutMapping("/staff/{id}/enabled")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Enable or disable an account; 202 for a privileged account")
    @ApiResponse(responseCode = "200", description = "Changed", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = StaffListing.class)))
    @ApiResponse(responseCode = "202", description = "Waiting for a second security administrator's approval",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StaffChange.class)))
    ResponseEntity<Object> setEnabled(@PathVariable long id, @RequestBody EnabledChange change) {
        if (change.enabled() == null) {
            throw DomainException.invalid("enabled", "staff.enabled.required");
        }
        CurrentUser actor = users.require();
        return answer(actor, id, administration.setEnabled(actor, id, change.enabled()));
    }

    @PutMapping("/staff/{id}/password")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Set a new password for a member of staff, who must replace it at their next sign-in; 202 for a privileged account")
    @ApiResponse(responseCode = "204", description = "Set", content = @Content)
    @ApiResponse(responseCode = "202", description = "Waiting for a second security administrator's approval",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StaffChange.class)))
    ResponseEntity<Object> resetPassword(@PathVariable long id, @RequestBody PasswordChange change) {
        StaffAdministration.Outcome outcome = administration.resetPassword(users.require(), id, change.password());
        return outcome.isPending() ? pending(outcome) : ResponseEntity.noContent().build();
    }

    @PutMapping("/staff/{id}/mobile")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Set (or with a blank value remove) a member of staff's work mobile for deadline reminders; 202 for a privileged account")
    @ApiResponse(responseCode = "200", description = "Changed", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = StaffListing.class)))
    @ApiResponse(responseCode = "202", description = "Waiting for a second security administrator's approval",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StaffChange.class)))
    ResponseEntity<Object> changeMobile(@PathVariable long id, @RequestBody MobileChange change) {
        CurrentUser actor = users.require();
        return answer(actor, id, administration.changeMobile(actor, id, change.mobile()));
    }

    @GetMapping("/staff-changes")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Changes to privileged accounts waiting for a second security administrator, within the caller's scope")
    List<StaffChange> pendingChanges() {
        return administration.pendingChanges(users.require());
    }

    @PostMapping("/staff-changes/{changeId}/approval")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Approve and carry out a pending change (not one's own request, not a change to one's own account)")
    StaffChange approve(@PathVariable long changeId) {
        return administration.approve(users.require(), changeId);
    }

    @PostMapping("/staff-changes/{changeId}/rejection")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Turn down (or, as its requester, withdraw) a pending change")
    StaffChange reject(@PathVariable long changeId) {
        return administration.reject(users.require(), changeId);
    }

    @PostMapping("/staff/{id}/unlock")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Lift a sign-in lock after too many failed attempts")
    StaffListing unlock(@PathVariable long id) {
        CurrentUser actor = users.require();
        administration.unlock(actor, id);
        return find(actor, id);
    }

    @PostMapping("/staff/{id}/second-factor/reset")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Remove a member of staff's second factor and recovery codes (a lost phone): they enrol anew at their "
            + "next sign-in; 202 for a privileged account, never one's own")
    @ApiResponse(responseCode = "204", description = "Removed", content = @Content)
    @ApiResponse(responseCode = "202", description = "Waiting for a second security administrator's approval",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StaffChange.class)))
    ResponseEntity<Object> resetSecondFactor(@PathVariable long id) {
        StaffAdministration.Outcome outcome = administration.resetSecondFactor(users.require(), id);
        return outcome.isPending() ? pending(outcome) : ResponseEntity.noContent().build();
    }

    @GetMapping("/org-units")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "The org-unit tree from the caller's own unit down")
    List<OrgUnitNode> orgUnits() {
        return OrgUnitNode.tree(orgUnits.within(users.require().scope()));
    }

    private ResponseEntity<Object> answer(CurrentUser actor, long id, StaffAdministration.Outcome outcome) {
        return outcome.isPending() ? pending(outcome) : ResponseEntity.ok(find(actor, id));
    }

    private static ResponseEntity<Object> pending(StaffAdministration.Outcome outcome) {
        return ResponseEntity.accepted().body(outcome.pending());
    }

    private StaffListing find(CurrentUser actor, long id) {
        return search.find(actor.scope(), id).orElseThrow(() -> DomainException.notFound("staff.not-found", id));
    }

    record RolesChange(Set<Role> roles) {
    }

    record OrgUnitChange(Long orgUnitId) {
    }

    record EnabledChange(Boolean enabled) {
    }

    record MobileChange(String mobile) {
    }

    record PasswordChange(String password) {
    }

    /** An org unit with the units directly below it. */
    record OrgUnitNode(long id, String code, String nameZh, String nameEn, OrgUnit.Kind kind, List<OrgUnitNode> children) {

        /** Nests units given parents first; a unit whose parent is not in the list is a root. */
        static List<OrgUnitNode> tree(List<OrgUnit> units) {
            Map<Long, OrgUnitNode> nodes = new HashMap<>();
            List<OrgUnitNode> roots = new ArrayList<>();
            for (OrgUnit unit : units) {
                OrgUnitNode node = new OrgUnitNode(unit.id(), unit.code(), unit.nameZh(), unit.nameEn(), unit.kind(),
                        new ArrayList<>());
                OrgUnitNode parent = unit.parentId() == null ? null : nodes.get(unit.parentId());
                (parent == null ? roots : parent.children()).add(node);
                nodes.put(unit.id(), node);
            }
            return roots;
        }
    }
}
