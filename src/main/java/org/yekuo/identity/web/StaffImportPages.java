package org.yekuo.identity.web;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.PageShell;
import org.yekuo.identity.internal.StaffImport;
import org.yekuo.identity.internal.StaffImports;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/**
 * The security administrator's staff import: download the template, upload the filled-in file, check the preview row by
 * row and confirm. The confirmation's page is the only place the initial passwords are ever shown.
 */
@Controller
@PreAuthorize("hasRole('SECURITY_ADMIN')")
class StaffImportPages {

    private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final StaffImports imports;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final PageShell shell;
    private final MessageSource messages;

    StaffImportPages(StaffImports imports, CurrentUsers users, Refusals refusals, PageShell shell, MessageSource messages) {
        this.imports = imports;
        this.users = users;
        this.refusals = refusals;
        this.shell = shell;
        this.messages = messages;
    }

    @GetMapping("/staff/imports")
    String start(Model model) {
        model.addAttribute("recent", imports.recent(users.require()));
        return "staff/import";
    }

    @PostMapping("/staff/imports")
    String upload(@RequestParam(name = "file", required = false) MultipartFile file, Model model, HttpServletResponse response) {
        CurrentUser user = users.require();
        try {
            StaffImport preview = imports.preview(user, file == null ? null : file.getOriginalFilename(), StaffImportApi.bytes(file));
            return "redirect:/staff/imports/" + preview.id();
        } catch (DomainException e) {
            model.addAttribute("error", refusals.explain(e, LocaleContextHolder.getLocale()).message());
            response.setStatus(e.status().value());
            return start(model);
        }
    }

    @GetMapping("/staff/imports/{id}")
    String preview(@PathVariable String id, Model model) {
        model.addAttribute("preview", imports.find(users.require(), id));
        return "staff/import-preview";
    }

    /** Shows the initial passwords this once: the page is not stored by the browser, and a reload shows none. */
    @PostMapping("/staff/imports/{id}/confirmation")
    String confirm(@PathVariable String id, Model model, HttpServletResponse response) {
        CurrentUser user = users.require();
        try {
            model.addAttribute("confirmation", imports.confirm(user, id));
        } catch (DomainException e) {
            model.addAttribute("error", refusals.explain(e, LocaleContextHolder.getLocale()).message());
            response.setStatus(e.status().value());
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        return preview(id, model);
    }

    @GetMapping("/staff/imports/template.xlsx")
    ResponseEntity<byte[]> templateXlsx() {
        return download(imports.templateXlsx(users.require()), XLSX, fileName("staff-import.download.template", "xlsx"));
    }

    @GetMapping("/staff/imports/template.csv")
    ResponseEntity<byte[]> templateCsv() {
        return download(imports.templateCsv(), CSV, fileName("staff-import.download.template", "csv"));
    }

    @GetMapping("/staff/imports/{id}/rows.csv")
    ResponseEntity<byte[]> rows(@PathVariable String id) {
        return download(imports.previewCsv(users.require(), id), CSV, fileName("staff-import.download.preview", "csv"));
    }

    @ExceptionHandler(DomainException.class)
    String refused(DomainException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("error", refusals.explain(e, LocaleContextHolder.getLocale()).message());
        response.setStatus(e.status().value());
        // Exception handlers get an empty model, so the shell's attributes are added here.
        shell.addTo(model, request);
        return "staff/refused";
    }

    private String fileName(String key, String extension) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale()) + "." + extension;
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String fileName) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8)
                        .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue())
                .body(body);
    }
}
