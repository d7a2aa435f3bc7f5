package org.yekuo.intake;

/** A file as it arrived: the name the client gave it and its bytes. Its kind comes from its content. */
public record UploadedFile(String fileName, byte[] content) {
}
