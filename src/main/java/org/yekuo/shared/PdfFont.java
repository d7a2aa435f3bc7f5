package org.yekuo.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.lowagie.text.pdf.BaseFont;

/**
 * The CJK font every PDF the product writes embeds as a subset, so that Chinese shows on any reader and can
 * be searched and copied. No CJK font ships in the product (a full one is 20 MB): {@code yekuo.reports.pdf-font}
 * names a TrueType/OpenType file or collection, with {@code ,index} for a face of a collection. Unset, the
 * usual Debian locations of WenQuanYi Zen Hei (package fonts-wqy-zenhei) and then Noto Sans CJK SC (fonts-noto-cjk)
 * are tried: a font of TrueType outlines first, because every signed record of every order embeds a subset of it, and
 * a subset of Noto's CFF outlines is 200 KB where WenQuanYi's is 45 KB, and takes three times as long to write
 * (ADR 0027). Which font is used is logged at start; without one, PDF exports are refused with a message that says
 * what to install or set.
 */
@Component
public class PdfFont {

    static final List<String> KNOWN_FONTS = List.of(
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc,0",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2",
            "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc,2");
    private static final Logger log = LoggerFactory.getLogger(PdfFont.class);

    private final String configured;
    private final Optional<String> font;
    private volatile BaseFont baseFont;

    PdfFont(@Value("${yekuo.reports.pdf-font:}") String configured) {
        this.configured = configured.trim();
        this.font = this.configured.isEmpty() ? KNOWN_FONTS.stream().filter(PdfFont::exists).findFirst()
                : Optional.of(this.configured).filter(PdfFont::exists);
        if (font.isPresent()) {
            log.info("PDF exports embed the CJK font {}", font.get());
        } else if (this.configured.isEmpty()) {
            log.warn("No CJK font found for PDF exports (tried {}): install fonts-noto-cjk or set yekuo.reports.pdf-font; "
                    + "PDF exports are refused until then", KNOWN_FONTS);
        } else {
            log.error("yekuo.reports.pdf-font names {}, which does not exist: PDF exports are refused", this.configured);
        }
    }

    /** The font file in use, or empty when PDF exports are refused. */
    public Optional<String> font() {
        return font;
    }

    /** The font to write with; refused (503, saying what to install or set) when there is none. */
    public BaseFont baseFont() {
        String file = font.orElseThrow(() -> new DomainException(HttpStatus.SERVICE_UNAVAILABLE, "deadline.report.pdf-font-missing",
                configured.isEmpty() ? String.join("; ", KNOWN_FONTS) : configured));
        if (baseFont == null) {
            try {
                // Read once into memory: a subset read from the file takes a system call per byte of every glyph.
                baseFont = BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false,
                        Files.readAllBytes(Path.of(fileOf(file))), null);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the PDF font " + file, e);
            }
        }
        return baseFont;
    }

    private static boolean exists(String location) {
        return Files.isReadable(Path.of(fileOf(location)));
    }

    /** The file of a font's location, without the {@code ,index} of a face in a collection. */
    private static String fileOf(String location) {
        int comma = location.lastIndexOf(',');
        return comma > 0 && location.substring(comma + 1).chars().allMatch(Character::isDigit)
                ? location.substring(0, comma) : location;
    }
}
