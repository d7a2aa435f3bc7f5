package org.yekuo.document.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yekuo.document.BadFiles;
import org.yekuo.document.FilePolicy;
import org.yekuo.document.FileType;
import org.yekuo.shared.DomainException;
import org.yekuo.support.SampleFiles;

/** What a file is, by Tika and a full parse, never by its name (R-DOC-1). */
class FileInspectionTests {

    private static final FilePolicy ANY = new FilePolicy(EnumSet.allOf(FileType.class), 20L * 1024 * 1024, "kind");

    private final FileInspection inspection = new FileInspection();

    @TempDir
    Path directory;

    @Test
    @DisplayName("R-DOC-1 a real PDF, JPEG, PNG and OFD are accepted as what their content is")
    void acceptsWhatIsWhatItClaims() throws IOException {
        assertThat(inspection.inspect(file(SampleFiles.PDF), ANY)).isEqualTo(FileType.PDF);
        assertThat(inspection.inspect(file(SampleFiles.JPEG), ANY)).isEqualTo(FileType.JPEG);
        assertThat(inspection.inspect(file(SampleFiles.PNG), ANY)).isEqualTo(FileType.PNG);
        assertThat(inspection.inspect(file(BadFiles.ofd(Map.of())), ANY)).isEqualTo(FileType.OFD);
    }

    @Test
    @DisplayName("R-DOC-1 every file of the bad-file corpus is refused on the field file with its own reason")
    void refusesEveryBadFile() throws IOException {
        for (Map.Entry<String, Map.Entry<byte[], String>> bad : BadFiles.corpus().entrySet()) {
            Path file = file(bad.getValue().getKey());
            assertThatThrownBy(() -> inspection.inspect(file, ANY)).as(bad.getKey())
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.fieldProblems()).as(bad.getKey()).hasSize(1);
                        assertThat(e.fieldProblems().get(0).field()).isEqualTo("file");
                        assertThat(e.fieldProblems().get(0).messageKey()).as(bad.getKey()).isEqualTo(bad.getValue().getValue());
                    });
        }
    }

    @Test
    @DisplayName("R-DOC-1 a file of an allowed type beyond the size limit, or of a type the caller does not take, is refused")
    void refusesOversizeAndUnwantedTypes() throws IOException {
        Path pdf = file(SampleFiles.PDF);
        assertThatThrownBy(() -> inspection.inspect(pdf, new FilePolicy(EnumSet.of(FileType.PDF), 100, "kind")))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.fieldProblems().get(0).messageKey()).isEqualTo("document.file.too-large"));
        assertThatThrownBy(() -> inspection.inspect(pdf, new FilePolicy(FileType.IMAGES, 1_000_000, "photos-only")))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.fieldProblems().get(0).messageKey()).isEqualTo("photos-only"));
    }

    private Path file(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(directory, "upload", ".bin");
        Files.write(file, bytes);
        return file;
    }
}
