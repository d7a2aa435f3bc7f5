package org.yekuo.document;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A document as it is handed out: watermarked for a view or a download, as stored for an export of the
 * original. The body is written straight to the response, never held whole.
 */
public record ServedFile(Document document, String contentType, Body body) {

    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
