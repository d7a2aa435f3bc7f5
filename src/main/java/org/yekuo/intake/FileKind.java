package org.yekuo.intake;

import java.util.Optional;
import java.util.Set;

import org.yekuo.shared.DomainException;

/**
 * What a material file really is, judged by its first bytes and never by its name (R-DOC-1): scans and
 * photos (PDF, JPEG, PNG) and government e-licences (OFD, a ZIP of XML). Anything else, executables
 * first of all, is refused.
 */
enum FileKind {
    PDF("application/pdf"), JPEG("image/jpeg"), PNG("image/png"), OFD("application/ofd");

    static final int MAX_BYTES = 20 * 1024 * 1024;

    private final String contentType;

    FileKind(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /**
     * The kind of a file that is not empty, at most {@code maxBytes} long and one of {@code allowed};
     * otherwise refuses naming the field {@code file}, with {@code kindRefusal} saying what is allowed.
     */
    static FileKind checked(byte[] content, int maxBytes, Set<FileKind> allowed, String kindRefusal) {
        if (content == null || content.length == 0) {
            throw DomainException.invalid("file", "intake.file.empty");
        }
        if (content.length > maxBytes) {
            throw DomainException.invalid("file", "intake.file.too-large", maxBytes / 1024 / 1024);
        }
        return sniff(content).filter(allowed::contains).orElseThrow(() -> DomainException.invalid("file", kindRefusal));
    }

    static Optional<FileKind> sniff(byte[] bytes) {
        if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return Optional.of(PDF);
        }
        if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, 0x50, 0x4B, 0x03, 0x04) && new String(bytes, 0, Math.min(bytes.length, 4096),
                java.nio.charset.StandardCharsets.ISO_8859_1).contains("OFD.xml")) {
            return Optional.of(OFD);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
