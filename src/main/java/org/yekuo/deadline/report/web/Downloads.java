package org.yekuo.deadline.report.web;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A report file as an attachment, never shown inline. */
final class Downloads {

    private Downloads() {
    }

    static ResponseEntity<byte[]> attachment(byte[] bytes, String mediaType, String filename) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType(mediaType))
                .body(bytes);
    }
}
