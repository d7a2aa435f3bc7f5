package org.yekuo.document.web;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.document.FieldPhotos;
import org.yekuo.document.NodePhoto;
import org.yekuo.document.DrawnMark;
import org.yekuo.document.PhotoMarking;
import org.yekuo.document.UploadedFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api")
@Tag(name = "Field photos", description = "Photos taken at a node, such as the meter position on a site survey")
class PhotoApi {

    private final FieldPhotos photos;
    private final CurrentUsers users;

    PhotoApi(FieldPhotos photos, CurrentUsers users) {
        this.photos = photos;
        this.users = users;
    }

    @TaskUpload("/tasks/{taskId}/photos")
    @Operation(summary = "Add a photo (JPEG or PNG, at most 10 MB) with its kind (METER_POSITION, SITE or ROUTE_SKETCH) and an "
            + "annotation of 1 to 200 characters to a node I have signed for")
    NodePhoto add(@PathVariable String taskId, @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String annotation) throws IOException {
        return photos.add(taskId, kind, annotation, UploadedFile.of(file), users.require());
    }

    @PutMapping(path = "/photos/{photoId}/marks", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @Operation(summary = "Save the marks drawn over a photo (ARROW and LINE with 2 points, ROUTE with 2 to 100, LABEL with 1 "
            + "and a text of 1 to 40 characters; at most 50 marks, points in the photo's pixels) as its next version over the "
            + "unchanged original; only the photo's author or who has signed for its open node; an empty list clears them; "
            + "repeat-safe with an Idempotency-Key header")
    PhotoMarking mark(@PathVariable long photoId, @RequestBody MarksRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        var user = users.require();
        try {
            return photos.mark(photoId, request.marks(), Optional.ofNullable(idempotencyKey), user);
        } catch (DuplicateKeyException e) {
            // The same save arrived twice at once: the one that got in first made the version both answer with.
            return photos.mark(photoId, request.marks(), Optional.ofNullable(idempotencyKey), user);
        }
    }

    @GetMapping("/photos/{photoId}/marks")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "The marks over a photo as last saved, in the photo's pixels (version 0 and none when never marked)")
    PhotoMarking marks(@PathVariable long photoId) {
        return photos.marking(photoId, users.require());
    }

    record MarksRequest(List<DrawnMark> marks) {
    }

    @GetMapping("/applications/{id}/photos")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "The photos of an order, oldest first, without their content (fetch one at /orders/{id}/photos/{photoId})")
    List<NodePhoto> list(@PathVariable long id) {
        return photos.ofOrder(id, users.require());
    }
}
