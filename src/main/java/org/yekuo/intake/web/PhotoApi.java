package org.yekuo.intake.web;

import java.io.IOException;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.intake.FieldPhotos;
import org.yekuo.intake.NodePhoto;

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

    @PostMapping(path = "/tasks/{taskId}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a photo (JPEG or PNG, at most 10 MB) with its kind (METER_POSITION or SITE) and an "
            + "annotation of 1 to 200 characters to a node I have signed for")
    NodePhoto add(@PathVariable String taskId, @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String annotation) throws IOException {
        return photos.add(taskId, kind, annotation, PhotoPages.uploaded(file), users.require());
    }

    @GetMapping("/applications/{id}/photos")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "The photos of an order, oldest first, without their content (fetch one at /orders/{id}/photos/{photoId})")
    List<NodePhoto> list(@PathVariable long id) {
        return photos.ofOrder(id, users.require());
    }
}
