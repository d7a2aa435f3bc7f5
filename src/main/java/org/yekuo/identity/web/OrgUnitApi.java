package org.yekuo.identity.web;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.internal.OrgUnitAdministration;
import org.yekuo.identity.internal.OrgUnitAdministration.NewOrgUnit;

/** The system administrator's changes to the org-unit tree, within their own unit and below. */
@RestController
@RequestMapping("/api/identity/org-units")
@Tag(name = "identity", description = "Staff accounts, roles and org units (security administration)")
class OrgUnitApi {

    private final CurrentUsers users;
    private final OrgUnitAdministration administration;

    OrgUnitApi(CurrentUsers users, OrgUnitAdministration administration) {
        this.users = users;
        this.administration = administration;
    }

    @PostMapping
    @PreAuthorize(AccessRules.ADMIN)
    @Operation(summary = "Create an org unit under an open unit of the caller's scope",
            description = "System administrators. The code (2-40 of A-Z, 0-9, - and _) is unique and never changes; kind is DEPARTMENT, STATION or TEAM.")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrgUnitView.class)))
    ResponseEntity<OrgUnitView> create(@RequestBody NewOrgUnit unit) {
        OrgUnit created = administration.create(users.require(), unit);
        return ResponseEntity.created(URI.create("/api/identity/org-units/" + created.id())).body(OrgUnitView.of(created));
    }

    @PutMapping("/{id}/name")
    @PreAuthorize(AccessRules.ADMIN)
    @Operation(summary = "Rename an org unit; 404 when outside the caller's data scope")
    OrgUnitView rename(@PathVariable long id, @RequestBody NameChange change) {
        return OrgUnitView.of(administration.rename(users.require(), id, change.nameZh(), change.nameEn()));
    }

    @PutMapping("/{id}/parent")
    @PreAuthorize(AccessRules.ADMIN)
    @Operation(summary = "Move an org unit, with everything below it, under another open unit",
            description = "The data scope of its staff and orders follows at once: staff of the new parent see its orders, staff of the old one no longer do.")
    OrgUnitView move(@PathVariable long id, @RequestBody ParentChange change) {
        return OrgUnitView.of(administration.move(users.require(), id, change.parentId()));
    }

    @PostMapping("/{id}/closure")
    @PreAuthorize(AccessRules.ADMIN)
    @Operation(summary = "Close an org unit and everything below it",
            description = "Refused with 409 while enabled staff or open orders remain in it or below; closed units stay for history.")
    OrgUnitView close(@PathVariable long id) {
        return OrgUnitView.of(administration.close(users.require(), id));
    }

    record NameChange(String nameZh, String nameEn) {
    }

    record ParentChange(Long parentId) {
    }

    /** An org unit as the API shows it. */
    record OrgUnitView(long id, String code, String nameZh, String nameEn, OrgUnit.Kind kind, Long parentId, boolean closed) {

        static OrgUnitView of(OrgUnit unit) {
            return new OrgUnitView(unit.id(), unit.code(), unit.nameZh(), unit.nameEn(), unit.kind(), unit.parentId(), unit.closed());
        }
    }
}
