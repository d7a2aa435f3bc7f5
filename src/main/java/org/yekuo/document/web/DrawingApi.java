package org.yekuo.document.web;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yekuo.document.Document;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.document.SchemeDrawings;
import org.yekuo.document.UploadedFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api")
@Tag(name = "Scheme drawings", description = "The supply scheme's drawings, PDFs the designer attaches and reviewers read")
class DrawingApi {

    private final SchemeDrawings drawings;
    private final CurrentUsers users;

    DrawingApi(SchemeDrawings drawings, CurrentUsers users) {
        this.drawings = drawings;
        this.users = users;
    }

    @TaskUpload("/tasks/{taskId}/drawings")
    @Operation(summary = "Attach a drawing (a PDF of at most 20 MB) of kind SINGLE_LINE, SITE_LAYOUT, METERING or OTHER to the "
            + "scheme design I have signed for; a kind attached again is its next version")
    Document add(@PathVariable String taskId, @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String kind) {
        return drawings.add(taskId, kind, UploadedFile.of(file), users.require());
    }

    @GetMapping("/applications/{id}/drawings")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "The current version of each drawing of an order's scheme (view one at /documents/{documentId})")
    List<Document> list(@PathVariable long id) {
        return drawings.current(id, users.require());
    }
}
