package org.yekuo.identity.web;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.internal.StaffImport;
import org.yekuo.identity.internal.StaffImports;
import org.yekuo.shared.DomainException;

/** Staff accounts from a spreadsheet: upload for a preview, then confirm (security administrators, their own imports). */
@RestController
@RequestMapping("/api/identity/staff-imports")
@Tag(name = "identity", description = "Staff accounts, roles and org units (security administration)")
class StaffImportApi {

    private final StaffImports imports;
    private final CurrentUsers users;

    StaffImportApi(StaffImports imports, CurrentUsers users) {
        this.imports = imports;
        this.users = users;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Upload a staff spreadsheet (.xlsx, or .csv in UTF-8 or GBK; at most 2 MB and 1000 rows) for a preview",
            description = "Columns headed as in the template, in Chinese or English: name, username, org unit (code or name "
                    + "path, within the caller's scope), roles (names in Chinese or English), mobile and email (optional). "
                    + "Every row comes back accepted or with its problems per field; nothing is created until the preview is "
                    + "confirmed. Rows asking for ADMIN, SECURITY_ADMIN or AUDITOR are refused: those accounts are created one by "
                    + "one under four eyes.")
    StaffImport upload(@RequestPart(name = "file", required = false) MultipartFile file) {
        return imports.preview(users.require(), file == null ? null : file.getOriginalFilename(), bytes(file));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "A staff import's preview, or what its confirmation created; 404 for another administrator's import")
    StaffImport one(@PathVariable String id) {
        return imports.find(users.require(), id);
    }

    @PostMapping("/{id}/confirmation")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Create every accepted row of the preview in one transaction, each with a one-time initial password "
            + "shown only in this answer and replaced at the first sign-in",
            description = "Confirming again creates nothing and answers alreadyConfirmed with no passwords. 409 when a row became "
                    + "wrong since the preview (its username taken, its unit closed): nothing is created and the preview names it.")
    StaffImport.StaffImportConfirmation confirm(@PathVariable String id) {
        return imports.confirm(users.require(), id);
    }

    static byte[] bytes(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw DomainException.invalid("file", "staff-import.file.empty");
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw DomainException.invalid("file", "staff-import.file.unreadable");
        }
    }
}
