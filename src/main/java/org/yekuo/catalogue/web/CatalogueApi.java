package org.yekuo.catalogue.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.AccessRules;
import org.yekuo.catalogue.AbolishedMaterial;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.BusinessTypeSummary;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.Material;
import org.yekuo.catalogue.ProcessFamily;
import org.yekuo.catalogue.Revision;
import org.yekuo.catalogue.internal.CatalogueEditing;
import org.yekuo.catalogue.internal.Edits;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The catalogue over HTTP: any member of staff reads, administrators edit (each edit a new version). */
@RestController
@RequestMapping("/api/catalogue")
@Tag(name = "Catalogue", description = "Business types, their nodes and time limits, reviewers and material checklists, versioned")
class CatalogueApi {

    private final Catalogue catalogue;
    private final CatalogueEditing editing;
    private final MessageSource messages;

    CatalogueApi(Catalogue catalogue, CatalogueEditing editing, MessageSource messages) {
        this.catalogue = catalogue;
        this.editing = editing;
        this.messages = messages;
    }

    @GetMapping("/types")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "List the business types at their current version, optionally of one process family")
    List<BusinessTypeSummary> types(@Parameter(description = "LV, HV, CHANGE or PV") @RequestParam(required = false) ProcessFamily family) {
        return family == null ? catalogue.types() : catalogue.types(family);
    }

    @GetMapping("/types/{code}")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "Get a business type: its current version, or the version asked for")
    BusinessTypeDefinition type(@PathVariable String code,
            @Parameter(description = "a version number; the current version when absent") @RequestParam(required = false) Integer version) {
        return version == null ? catalogue.current(code) : catalogue.version(code, version);
    }

    @GetMapping("/types/{code}/versions")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "List the versions of a business type, newest first: who changed what, when")
    List<Revision> versions(@PathVariable String code) {
        return catalogue.history(code);
    }

    @PutMapping("/types/{code}/nodes/{node}/limit")
    @PreAuthorize(AccessRules.ADMIN)
    @Operation(summary = "Change a node's time limit (administrators)", description = "amount: a positive whole number "
            + "(ACCEPTANCE also 0 working days: the same working day); unit: WORKING_DAYS or WORKING_HOURS; source: "
            + "PAPER, STATE_GRID_RULE or COMMON_PRACTICE. Answers the new version; 409 when baseVersion is not current.")
    BusinessTypeDefinition changeTimeLimit(@PathVariable String code, @PathVariable String node,
            @RequestBody Edits.TimeLimitEdit edit) {
        return editing.changeTimeLimit(code, node, edit);
    }

    @PostMapping("/types/{code}/materials")
    @PreAuthorize(AccessRules.ADMIN)
    @Operation(summary = "Add a material to the checklist (administrators)", description = "deferredUntil: a node of the "
            + "type after ACCEPTANCE, or empty for required at acceptance. Abolished materials are refused with the reason.")
    BusinessTypeDefinition addMaterial(@PathVariable String code, @RequestBody Edits.MaterialAddition edit) {
        return editing.addMaterial(code, edit);
    }

    @PutMapping("/types/{code}/materials/{materialCode}")
    @PreAuthorize(AccessRules.ADMIN)
    @Operation(summary = "Change until which node a material may be deferred (administrators)")
    BusinessTypeDefinition changeDeferral(@PathVariable String code, @PathVariable String materialCode,
            @RequestBody Edits.DeferralEdit edit) {
        return editing.changeDeferral(code, materialCode, edit);
    }

    @DeleteMapping("/types/{code}/materials/{materialCode}")
    @PreAuthorize(AccessRules.ADMIN)
    @Operation(summary = "Remove a material from the checklist (administrators)")
    BusinessTypeDefinition removeMaterial(@PathVariable String code, @PathVariable String materialCode,
            @RequestParam(required = false) Integer baseVersion, @RequestParam(required = false) String reason) {
        return editing.removeMaterial(code, materialCode, baseVersion, reason);
    }

    @PutMapping("/types/{code}/reviewers")
    @PreAuthorize(AccessRules.ADMIN)
    @Operation(summary = "Replace the reviewing departments (administrators)", description = "department: OPERATIONS, "
            + "MARKETING or DISPATCH; onlyAboveKw: optional, the department reviews only above this capacity.")
    BusinessTypeDefinition changeReviewers(@PathVariable String code, @RequestBody Edits.ReviewersEdit edit) {
        return editing.changeReviewers(code, edit);
    }

    @GetMapping("/nodes")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "List the 12 key nodes with their names in the request's language")
    List<NamedCode> nodes(Locale locale) {
        return Arrays.stream(KeyNode.values())
                .map(n -> new NamedCode(n.name(), messages.getMessage(n.messageKey(), null, locale))).toList();
    }

    @GetMapping("/materials")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "List the materials a checklist may name")
    List<Material> materials() {
        return catalogue.materials();
    }

    @GetMapping("/abolished-materials")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "List the abolished materials, which no checklist may name, with the reasons")
    List<AbolishedMaterial> abolishedMaterials() {
        return catalogue.abolishedMaterials();
    }

    record NamedCode(String code, String name) {
    }
}
