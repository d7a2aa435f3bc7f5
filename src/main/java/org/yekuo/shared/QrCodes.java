package org.yekuo.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;


import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** Draws a QR code as SVG: sharp at any print size, no image files to serve. */
public final class QrCodes {

    /**
     * Codes drawn lately, by text: encoding tries eight masks and scores each (a few milliseconds), and an
     * order's page shows the same progress link every time it is opened. About 3 KB each.
     */
    private static final int CACHED = 1024;
    private static final Map<String, String> DRAWN = Collections.synchronizedMap(new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHED;
        }
    });

    private QrCodes() {
    }

    public static String svg(String text) {
        String svg = DRAWN.get(text);
        if (svg == null) {
            svg = draw(text);
            DRAWN.put(text, svg);
        }
        return svg;
    }

    /** Draws a code for a text that holds a secret (an authenticator's enrolment link): never kept in the cache. */
    public static String svgOnce(String text) {
        return draw(text);
    }

    private static String draw(String text) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            // One rectangle per run of dark modules in a row rather than one per module: a third of the size.
            StringBuilder path = new StringBuilder();
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    if (matrix.get(x, y)) {
                        int run = 1;
                        while (x + run < matrix.getWidth() && matrix.get(x + run, y)) {
                            run++;
                        }
                        path.append('M').append(x).append(',').append(y).append('h').append(run).append("v1h-").append(run).append('z');
                        x += run - 1;
                    }
                }
            }
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 " + matrix.getWidth() + " "
                    + matrix.getHeight() + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                    + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode a QR code for " + text.length() + " characters", e);
        }
    }
}
