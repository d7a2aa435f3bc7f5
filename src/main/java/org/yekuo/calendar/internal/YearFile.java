package org.yekuo.calendar.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.yekuo.shared.DomainException.FieldProblem;

/**
 * Reads a year file: UTF-8 CSV (a byte-order mark, as spreadsheet programs write, is fine), the header
 * {@value RowFormat#CSV_HEADER}, then one special day per line; values may be double-quoted to hold a
 * comma. Blank lines are skipped. What cannot be read is reported per line, like the policy's problems.
 */
final class YearFile {

    /** A year has at most 366 special days of well under 100 bytes each. */
    static final int MAX_BYTES = 64 * 1024;

    private YearFile() {
    }

    static Read read(byte[] bytes) {
        if (bytes.length == 0) {
            return Read.failed(new FieldProblem("file", "calendar.file.empty"));
        }
        if (bytes.length > MAX_BYTES) {
            return Read.failed(new FieldProblem("file", "calendar.file.too-large", String.valueOf(bytes.length),
                    String.valueOf(MAX_BYTES)));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Read.failed(new FieldProblem("file", "calendar.file.not-utf8"));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] rows = text.split("\r\n|\n|\r", -1);
        String header = rows[0].strip();
        if (!header.replace(" ", "").toLowerCase(Locale.ROOT).equals(RowFormat.CSV_HEADER)) {
            return Read.failed(new FieldProblem("line[1]", "calendar.file.header",
                    header.length() > 80 ? header.substring(0, 80) + "..." : header, RowFormat.CSV_HEADER));
        }
        List<DayLine> lines = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 1; i < rows.length; i++) {
            if (rows[i].isBlank()) {
                continue;
            }
            int number = i + 1;
            List<String> cells = cells(rows[i]);
            if (cells.size() != 4) {
                problems.add(new FieldProblem("line[" + number + "]", "calendar.file.columns", String.valueOf(number),
                        String.valueOf(cells.size()), RowFormat.CSV_HEADER));
            } else {
                lines.add(new DayLine(number, cells.get(0), cells.get(1), cells.get(2), cells.get(3)));
            }
        }
        return new Read(lines, problems);
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted) {
                if (c != '"') {
                    cell.append(c);
                } else if (i + 1 < row.length() && row.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** The lines that could be read, and the problems of those that could not. */
    record Read(List<DayLine> lines, List<FieldProblem> problems) {

        static Read failed(FieldProblem problem) {
            return new Read(List.of(), List.of(problem));
        }
    }
}
