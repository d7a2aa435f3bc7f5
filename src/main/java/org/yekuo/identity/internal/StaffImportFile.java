package org.yekuo.identity.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.TextPolicy;

/**
 * Reads the rows of a staff spreadsheet: an Excel workbook (.xlsx, its first sheet) or a comma-separated text file in
 * UTF-8 (with or without a byte-order mark) or GBK, which Chinese Excel writes. The first non-blank row names the
 * columns, in Chinese or English. A file that cannot be read as a whole is refused with one problem naming the file;
 * what is wrong inside a row is for {@link StaffImports} to say per row and column.
 * <p>
 * Safe handling: at most {@link #MAX_BYTES} and {@link #MAX_ROWS} rows; POI reads the workbook's XML with external
 * entities off and refuses zip bombs (its defaults, which nothing here changes); a formula cell is refused, not
 * evaluated.
 */
final class StaffImportFile {

    static final int MAX_BYTES = 2 * 1024 * 1024;
    static final int MAX_ROWS = 1000;
    static final String FIELD = "file";
    /** The limit as the messages write it: a number formatted by the message would read "1,000". */
    static final String ROWS_LIMIT = Integer.toString(MAX_ROWS);
    private static final Charset GBK = Charset.forName("GBK");
    /** A cell's value longer than this is refused for the whole file: no column of a staff row needs more. */
    private static final int MAX_CELL = 255;

    /** The columns of a staff row; each header may be written in Chinese or English ({@link Headers}). */
    enum Column {
        NAME, USERNAME, ORG_UNIT, ROLES, MOBILE, EMAIL;

        static final Set<Column> REQUIRED = Set.of(NAME, USERNAME, ORG_UNIT, ROLES);

        /** The key of the column's name in the user's language, as the template and the messages write it. */
        String messageKey() {
            return "staff-import.column." + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The field name that API problems and page messages use for this column. */
        String field() {
            return switch (this) {
                case NAME -> "displayName";
                case USERNAME -> "username";
                case ORG_UNIT -> "orgUnit";
                case ROLES -> "roles";
                case MOBILE -> "mobile";
                case EMAIL -> "email";
            };
        }
    }

    /**
     * How the header row is read and the columns named back: every name a file may head a column with, in any language
     * of the product, and the column names and the list separator of the user's language for the refusals.
     */
    record Headers(Map<String, Column> accepted, Function<Column, String> names, String separator) {

        Column byHeader(String header) {
            return accepted.get(normal(header));
        }

        /** A header as it is looked up: {@code "Name*"} or {@code "Mobile (optional)"}, the marks a template adds left out. */
        static String normal(String header) {
            // The marks in their full-width forms too, as Chinese input methods type them.
            return header.replaceAll("[*＊]|[(（].*?[)）]", "").strip().toLowerCase(Locale.ROOT);
        }
    }

    /** One row of the file: its line (as a spreadsheet numbers it, the header being line 1 or later) and its cells. */
    record Line(int number, Map<Column, String> cells) {

        String get(Column column) {
            String value = cells.get(column);
            return value == null ? "" : value;
        }
    }

    private StaffImportFile() {
    }

    /**
     * The rows of the file, blank rows left out, or a refusal of the whole file; {@code headers} recognises the columns
     * and names them in the user's language for the refusals that name columns.
     */
    static List<Line> read(String fileName, byte[] content, Headers headers) {
        if (content == null || content.length == 0) {
            throw DomainException.invalid(FIELD, "staff-import.file.empty");
        }
        if (content.length > MAX_BYTES) {
            throw DomainException.invalid(FIELD, "staff-import.file.too-large", Integer.toString(MAX_BYTES / 1024 / 1024));
        }
        List<List<String>> table = isZip(content) ? workbook(content) : csv(text(content));
        return lines(table, headers);
    }

    private static boolean isZip(byte[] content) {
        return content.length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    private static List<List<String>> workbook(byte[] content) {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            if (workbook.getNumberOfSheets() == 0) {
                throw DomainException.invalid(FIELD, "staff-import.file.empty");
            }
            Sheet sheet = workbook.getSheetAt(0);
            if (sheet.getLastRowNum() > MAX_ROWS + 1) {
                throw DomainException.invalid(FIELD, "staff-import.file.too-many-rows", ROWS_LIMIT);
            }
            List<List<String>> table = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        Cell cell = row.getCell(c);
                        if (cell != null && cell.getCellType() == CellType.FORMULA) {
                            throw DomainException.invalid(FIELD, "staff-import.file.formula", cell.getAddress().formatAsString());
                        }
                        cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                    }
                }
                table.add(cells);
            }
            return table;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException refusal) {
                throw refusal;
            }
            // Not a workbook, a damaged one, an old .xls, or one POI refuses as unsafe (entities, a zip bomb).
            throw DomainException.invalid(FIELD, "staff-import.file.unreadable");
        }
    }

    /** UTF-8 when the bytes are valid UTF-8 (a byte-order mark is dropped), GBK otherwise. */
    static String text(byte[] content) {
        int start = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteBuffer bytes = ByteBuffer.wrap(content, start, content.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException notUtf8) {
            try {
                return GBK.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            } catch (CharacterCodingException neither) {
                throw DomainException.invalid(FIELD, "staff-import.file.encoding");
            }
        }
    }

    /** Comma-separated values as RFC 4180 writes them: quotes around a value that holds a comma, quote or line break. */
    static List<List<String>> csv(String text) {
        List<List<String>> table = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    value.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    value.append(c);
                }
            } else if (c == '"' && value.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                row.add(value.toString());
                value.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(value.toString());
                value.setLength(0);
                table.add(row);
                row = new ArrayList<>();
                if (table.size() > MAX_ROWS + 1) {
                    throw DomainException.invalid(FIELD, "staff-import.file.too-many-rows", ROWS_LIMIT);
                }
            } else {
                value.append(c);
            }
        }
        if (!value.isEmpty() || !row.isEmpty()) {
            row.add(value.toString());
            table.add(row);
        }
        return table;
    }

    private static List<Line> lines(List<List<String>> table, Headers headers) {
        int headerAt = 0;
        while (headerAt < table.size() && blank(table.get(headerAt))) {
            headerAt++;
        }
        if (headerAt == table.size()) {
            throw DomainException.invalid(FIELD, "staff-import.file.empty");
        }
        Map<Integer, Column> columns = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        List<String> header = table.get(headerAt);
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c).strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.length() > MAX_CELL || !TextPolicy.acceptable(name)) {
                throw DomainException.invalid(FIELD, "staff-import.file.bad-header", Integer.toString(headerAt + 1));
            }
            Column column = headers.byHeader(name);
            if (column == null || columns.containsValue(column)) {
                unknown.add(clip(name));
            } else {
                columns.put(c, column);
            }
        }
        if (!unknown.isEmpty()) {
            throw DomainException.invalid(FIELD, "staff-import.file.unknown-columns", String.join(headers.separator(), unknown));
        }
        List<String> missing = Column.REQUIRED.stream().filter(column -> !columns.containsValue(column)).sorted()
                .map(headers.names()).toList();
        if (!missing.isEmpty()) {
            throw DomainException.invalid(FIELD, "staff-import.file.missing-columns", String.join(headers.separator(), missing));
        }
        List<Line> lines = new ArrayList<>();
        for (int r = headerAt + 1; r < table.size(); r++) {
            List<String> row = table.get(r);
            if (blank(row)) {
                continue;
            }
            Map<Column, String> cells = new EnumMap<>(Column.class);
            for (Map.Entry<Integer, Column> column : columns.entrySet()) {
                String value = column.getKey() < row.size() ? row.get(column.getKey()).strip() : "";
                if (value.length() > MAX_CELL || !TextPolicy.acceptable(value)) {
                    // The column as its header is written in the file, which is where the administrator looks.
                    throw DomainException.invalid(FIELD, "staff-import.file.bad-cell", Integer.toString(r + 1),
                            clip(header.get(column.getKey()).strip()));
                }
                cells.put(column.getValue(), value);
            }
            lines.add(new Line(r + 1, cells));
        }
        if (lines.isEmpty()) {
            throw DomainException.invalid(FIELD, "staff-import.file.no-rows");
        }
        if (lines.size() > MAX_ROWS) {
            throw DomainException.invalid(FIELD, "staff-import.file.too-many-rows", ROWS_LIMIT);
        }
        return lines;
    }

    private static boolean blank(List<String> row) {
        return row.stream().allMatch(String::isBlank);
    }

    private static String clip(String value) {
        return value.length() > 30 ? value.substring(0, 30) + "…" : value;
    }
}
