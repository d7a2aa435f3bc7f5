package org.yekuo.intake.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.intake.FieldPhotos;
import org.yekuo.intake.PhotoContent;
import org.yekuo.intake.UploadedFile;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/** Field photos from the phone's camera on the node form, and each photo for the order page (R-COL-1). */
@Controller
class PhotoPages {

    private final FieldPhotos photos;
    private final CurrentUsers users;
    private final Refusals refusals;

    PhotoPages(FieldPhotos photos, CurrentUsers users, Refusals refusals) {
        this.photos = photos;
        this.users = users;
        this.refusals = refusals;
    }

    @PostMapping("/tasks/{taskId}/photos")
    String add(@PathVariable String taskId, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String annotation, Locale locale,
            RedirectAttributes redirect) throws IOException {
        try {
            photos.add(taskId, kind, annotation, uploaded(file), users.require());
            redirect.addFlashAttribute("notice", "intake.photo.saved");
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            redirect.addFlashAttribute("photoAnnotation", annotation);
        }
        return "redirect:/tasks/" + taskId;
    }

    @GetMapping("/orders/{id}/photos/{photoId}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId, HttpServletResponse response)
            throws IOException {
        try {
            PhotoContent content = photos.content(id, photoId, users.require());
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(content.contentType()))
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().build().toString())
                    .header("X-Content-Type-Options", "nosniff")
                    .cacheControl(CacheControl.noCache().cachePrivate())
                    .body(content.bytes());
        } catch (DomainException e) {
            response.sendError(e.status().value());
            return null;
        }
    }

    static UploadedFile uploaded(MultipartFile file) throws IOException {
        return new UploadedFile(file == null ? null : file.getOriginalFilename(), file == null ? new byte[0] : file.getBytes());
    }
}
