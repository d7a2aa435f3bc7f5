package org.yekuo.shared;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a CJK font is found on a Debian machine: no such font ships in the product (a full one is 20 MB).
 * Each entry is a TrueType/OpenType file or collection, with {@code ,index} for a face of a collection.
 */
public final class CjkFonts {

    public static final List<String> KNOWN = List.of(
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2",
            "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc,2",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc,0");

    private CjkFonts() {
    }

    /** The configured font when it exists, or (none configured) the first known one that exists. */
    public static Optional<String> find(String configured) {
        String wanted = configured == null ? "" : configured.trim();
        return wanted.isEmpty() ? KNOWN.stream().filter(CjkFonts::exists).findFirst()
                : Optional.of(wanted).filter(CjkFonts::exists);
    }

    /** The file of a font entry, without its {@code ,index}. */
    public static Path file(String font) {
        int comma = font.lastIndexOf(',');
        return Path.of(comma > 0 && font.substring(comma + 1).chars().allMatch(Character::isDigit)
                ? font.substring(0, comma) : font);
    }

    private static boolean exists(String font) {
        return Files.isReadable(file(font));
    }
}
