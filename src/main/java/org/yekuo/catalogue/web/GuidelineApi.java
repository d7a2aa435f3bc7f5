package org.yekuo.catalogue.web;

import java.util.List;

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
import org.yekuo.catalogue.GuidelineRevision;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.catalogue.ReviewGuidelines;
import org.yekuo.catalogue.internal.GuidelineEditing;
import org.yekuo.catalogue.internal.GuidelineEdits;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The review guidelines over HTTP: any member of staff reads, administrators edit (each edit a new version). */
@RestController
@RequestMapping("/api/catalogue/guidelines")
@Tag(name = "Review guidelines", description = "The check items department reviewers hold supply schemes against "
        + "(LV 5, HV 23), each with its clause number and department, versioned")
class GuidelineApi {

    private final ReviewGuidelines guidelines;
    private final GuidelineEditing editing;

    GuidelineApi(ReviewGuidelines guidelines, GuidelineEditing editing) {
        this.guidelines = guidelines;
        this.editing = editing;
    }

    @GetMapping
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "List the review guidelines at their current version")
    List<ReviewGuideline> guidelines() {
        return guidelines.guidelines();
    }

    @GetMapping("/{code}")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "Get a review guideline: its current version, or the version asked for")
    ReviewGuideline guideline(@Parameter(description = "LV or HV") @PathVariable String code,
            @Parameter(description = "a version number; the current version when absent") @RequestParam(required = false) Integer version) {
        return version == null ? guidelines.current(code) : guidelines.version(code, version);
    }

    @GetMapping("/{code}/versions")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "List the versions of a review guideline, newest first: who changed what, when")
    List<GuidelineRevision> versions(@PathVariable String code) {
        return guidelines.history(code);
    }

    @PostMapping("/{code}/items")
    @PreAuthorize(AccessRules.ADMIN)
    @Operation(summary = "Add a check item (administrators)", description = "clauseNo: the guideline's code, a hyphen "
            + "and a number no version has used (e.g. HV-24; a retired item's number is never reused); textZh, textEn: "
            + "1 to 200 characters; department: OPERATIONS, MARKETING or DISPATCH. Answers the new version; 409 when "
            + "baseVersion is not current.")
    ReviewGuideline addItem(@PathVariable String code, @RequestBody GuidelineEdits.ItemAddition edit) {
        return editing.addItem(code, edit);
    }

    @PutMapping("/{code}/items/{clauseNo}")
    @PreAuthorize(AccessRules.ADMIN)
    @Operation(summary = "Change a check item's texts or department (administrators)", description = "textZh, textEn: "
            + "1 to 200 characters; department: OPERATIONS, MARKETING or DISPATCH; the clause number stays. Answers "
            + "the new version; 409 when baseVersion is not current.")
    ReviewGuideline changeItem(@PathVariable String code, @PathVariable String clauseNo,
            @RequestBody GuidelineEdits.ItemEdit edit) {
        return editing.changeItem(code, clauseNo, edit);
    }

    @DeleteMapping("/{code}/items/{clauseNo}")
    @PreAuthorize(AccessRules.ADMIN)
    @Operation(summary = "Retire a check item (administrators)", description = "The item leaves the new version; "
            + "older versions keep it, and its clause number is never given to another item.")
    ReviewGuideline retireItem(@PathVariable String code, @PathVariable String clauseNo,
            @RequestParam(required = false) Integer baseVersion, @RequestParam(required = false) String reason) {
        return editing.retireItem(code, clauseNo, baseVersion, reason);
    }
}
