package org.yekuo.document;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of file the archive takes, as their content proves them: scans and photos (PDF, JPEG, PNG)
 * and government e-licences (OFD, a ZIP of XML under GB/T 33190).
 */
public enum FileType {
    PDF("application/pdf"), JPEG("image/jpeg"), PNG("image/png"), OFD("application/ofd");

    public static final Set<FileType> IMAGES = EnumSet.of(JPEG, PNG);

    private final String contentType;

    FileType(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public boolean isImage() {
        return IMAGES.contains(this);
    }

    public static FileType ofContentType(String contentType) {
        for (FileType type : values()) {
            if (type.contentType.equals(contentType)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Not an archive file type: " + contentType);
    }
}
