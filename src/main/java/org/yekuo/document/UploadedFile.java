package org.yekuo.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.web.multipart.MultipartFile;

/**
 * A file as it arrived: the name the client gave it, its length and a way to read it. Its kind comes
 * from its content; it is read as a stream, never held whole.
 */
public record UploadedFile(String fileName, long size, Content content) {

    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    public UploadedFile(String fileName, byte[] bytes) {
        this(fileName, bytes == null ? 0 : bytes.length, () -> new ByteArrayInputStream(bytes == null ? new byte[0] : bytes));
    }

    /** A part of a multipart request; a missing part is an empty file. */
    public static UploadedFile of(MultipartFile file) {
        return file == null ? new UploadedFile(null, new byte[0])
                : new UploadedFile(file.getOriginalFilename(), file.getSize(), file::getInputStream);
    }
}
