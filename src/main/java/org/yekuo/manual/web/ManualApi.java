package org.yekuo.manual.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.manual.ChangeEntry;
import org.yekuo.manual.Chapter;
import org.yekuo.manual.Draft;
import org.yekuo.manual.Edition;
import org.yekuo.manual.Feedback;
import org.yekuo.manual.Manual;
import org.yekuo.manual.ManualEditing;
import org.yekuo.manual.ManualNote;
import org.yekuo.manual.NoteDraft;
import org.yekuo.manual.Publication;
import org.yekuo.manual.TypicalCase;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The operating manual over HTTP (R-STD-1). Every member of staff reads it and leaves feedback; the manual is
 * the same for the whole company, so there is no data scope to it, except the typical cases an editor's
 * publication takes in (those of orders in the editor's scope). Administrators and the leader in charge edit.
 */
@RestController
@RequestMapping("/api/manual")
@Tag(name = "Operating manual", description = "Chapters per business type derived from the catalogue, editions with "
        + "change logs, feedback, typical-case appendix")
class ManualApi {

    private final Manual manual;
    private final ManualEditing editing;
    private final ManualSearch search;
    private final CurrentUsers users;

    ManualApi(Manual manual, ManualEditing editing, ManualSearch search, CurrentUsers users) {
        this.manual = manual;
        this.editing = editing;
        this.search = search;
        this.users = users;
    }

    @GetMapping("/editions")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "List the published editions, newest first (all staff)")
    List<Edition> editions() {
        return manual.editions();
    }

    @GetMapping("/editions/{number}/changes")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "The change log of an edition: what changed, why, which feedback it answers (all staff)")
    List<ChangeEntry> changes(@PathVariable int number) {
        return manual.changes(manual.edition(number).number());
    }

    @GetMapping("/chapters")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "The chapters of an edition (the latest when none is named), in catalogue order (all staff)")
    List<Chapter> chapters(@RequestParam(required = false) Integer edition) {
        return manual.chapters(manual.edition(edition).number());
    }

    @GetMapping("/chapters/{typeCode}")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "A business type's chapter: stages with materials, outputs and time limits, clauses, notes (all staff)")
    Chapter chapter(@PathVariable String typeCode, @RequestParam(required = false) Integer edition) {
        return manual.chapter(typeCode, edition);
    }

    @GetMapping("/appendix")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "The typical review cases of an edition's appendix (all staff)")
    List<TypicalCase> appendix(@RequestParam(required = false) Integer edition) {
        return manual.appendix(manual.edition(edition).number());
    }

    @GetMapping("/search")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "Find text in the latest edition, in the caller's language (all staff)",
            description = "q: two or more characters; at most 100 places are answered.")
    List<ManualSearch.Hit> search(@RequestParam(required = false) String q, Locale locale) {
        return search.search(q, manual.edition(null).number(), locale);
    }

    @GetMapping("/reading")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "What changed since the edition the caller last marked as read (all staff)")
    Manual.Reading reading() {
        return manual.reading(users.require());
    }

    @PutMapping("/reading")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "Mark an edition as read (all staff)")
    ResponseEntity<Void> markRead(@RequestParam int edition) {
        manual.markRead(users.require(), edition);
        return ResponseEntity.noContent().build();
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/chapters/{typeCode}/feedback")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "Leave feedback on a section of a chapter of the latest edition (all staff)",
            description = "section: a node code of the chapter or GENERAL; body: 1 to 2000 characters.")
    ResponseEntity<Feedback> feedback(@PathVariable String typeCode, @RequestBody FeedbackForm form) {
        Feedback saved = manual.leaveFeedback(typeCode, form.section(), form.body(), users.require());
        return ResponseEntity.created(URI.create("/api/manual/feedback/" + saved.id())).body(saved);
    }

    @GetMapping("/feedback/mine")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "The caller's own feedback and which edition answered it (all staff)")
    List<Feedback> myFeedback() {
        return manual.feedbackOf(users.require());
    }

    @GetMapping("/feedback")
    @PreAuthorize(AccessRules.MANUAL_EDITORS)
    @Operation(summary = "Open feedback, oldest first (administrators, leader in charge)")
    List<Feedback> openFeedback() {
        return editing.openFeedback();
    }

    @GetMapping("/draft")
    @PreAuthorize(AccessRules.MANUAL_EDITORS)
    @Operation(summary = "What publishing now would put into the next edition (administrators, leader in charge)")
    Draft draft() {
        return editing.draft(users.require());
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/notes")
    @PreAuthorize(AccessRules.MANUAL_EDITORS)
    @Operation(summary = "Write a note into the next edition (administrators, leader in charge)",
            description = "typeCode: a business type; nodeCode: one of its nodes or empty for the chapter; kind: TIP, RULE "
                    + "or EXAMPLE; title 1-200, body 1-4000 characters.")
    ResponseEntity<ManualNote> addNote(@RequestBody NoteDraft draft) {
        ManualNote note = editing.addNote(draft, users.require());
        return ResponseEntity.created(URI.create("/api/manual/notes/" + note.id())).body(note);
    }

    @DeleteMapping("/notes/{id}")
    @PreAuthorize(AccessRules.MANUAL_EDITORS)
    @Operation(summary = "Take a note out of the next edition (administrators, leader in charge)")
    ResponseEntity<Void> retireNote(@PathVariable long id) {
        editing.retireNote(id, users.require());
        return ResponseEntity.noContent().build();
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/editions")
    @PreAuthorize(AccessRules.MANUAL_EDITORS)
    @Operation(summary = "Publish the next edition (administrators, leader in charge)",
            description = "summary 1-500 characters; entries: at least one, each with text and reason (1-1000 characters), "
                    + "optionally the chapter (typeCode) and the open feedback ids it answers; materialChapters: the type codes "
                    + "whose certifications must be renewed. Derived entries (catalogue, guidelines, notes, typical cases) are "
                    + "added by the product.")
    ResponseEntity<Edition> publish(@RequestBody Publication publication) {
        Edition edition = editing.publish(publication, users.require());
        return ResponseEntity.created(URI.create("/api/manual/editions/" + edition.number())).body(edition);
    }

    /** Feedback on a section. */
    record FeedbackForm(String section, String body) {
    }
}
