package org.yekuo.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QrCodesTests {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+),(\\d+)h(\\d+)v1h-(\\d+)z");

    @Test
    @DisplayName("R-DOC-4 the drawn QR code scans back to the progress link")
    void scansBackToTheLink() throws Exception {
        String link = "http://yekuo.example.cn:8080/s/AbCdEfGhIjKlMnOpQrStUv-_" + System.nanoTime();
        assertThat(decode(QrCodes.svg(link))).isEqualTo(link);
    }

    @Test
    @DisplayName("R-DOC-4 a link drawn again gives the same code")
    void sameLinkSameCode() throws Exception {
        String link = "http://yekuo.example.cn/s/ZyXwVuTsRqPoNmLkJiHg" + System.nanoTime();
        String first = QrCodes.svg(link);
        assertThat(QrCodes.svg(link)).isEqualTo(first);
        assertThat(decode(QrCodes.svg(link + "x"))).isEqualTo(link + "x");
    }

    /** Paints the SVG's runs of dark modules, four pixels a module, and reads the picture with zxing. */
    private static String decode(String svg) throws Exception {
        Matcher box = VIEW_BOX.matcher(svg);
        assertThat(box.find()).isTrue();
        int modules = Integer.parseInt(box.group(1));
        int scale = 4;
        int size = modules * scale;
        int[] pixels = new int[size * size];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher run = RUN.matcher(svg);
        int runs = 0;
        while (run.find()) {
            runs++;
            int x0 = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            assertThat(run.group(4)).isEqualTo(run.group(3));
            for (int x = x0; x < x0 + length; x++) {
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        pixels[(y * scale + dy) * size + x * scale + dx] = 0xFF000000;
                    }
                }
            }
        }
        assertThat(runs).isPositive();
        var source = new RGBLuminanceSource(size, size, pixels);
        // A drawn code, not a photograph: read as a pure barcode, without searching for finder patterns.
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), Map.of(DecodeHintType.PURE_BARCODE, true))
                .getText();
    }
}
