package org.yekuo.calendar.internal;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * How the special days came in, which decides how a problem names its place: a year file's line and
 * column ({@code line[3].name_zh}), an entry of a JSON year ({@code days[1].nameZh}), or the field of
 * a single day ({@code nameZh}).
 */
public enum RowFormat {
    CSV_FILE, JSON_YEAR, SINGLE_DAY;

    /** The column names of a year file, in order; its header line must be exactly these. */
    static final String CSV_HEADER = "date,kind,name_zh,name_en";

    enum Field {
        DATE("date", "date"), KIND("kind", "kind"), NAME_ZH("name_zh", "nameZh"), NAME_EN("name_en", "nameEn");

        private final String column;
        private final String property;

        Field(String column, String property) {
            this.column = column;
            this.property = property;
        }
    }

    FieldProblem problem(DayLine line, Field field, String detailKey, Object... detailArguments) {
        if (this == SINGLE_DAY) {
            return new FieldProblem(field.property, detailKey, detailArguments);
        }
        String name = this == CSV_FILE ? field.column : field.property;
        String path = this == CSV_FILE ? "line[" + line.number() + "]." : "days[" + (line.number() - 1) + "].";
        return new FieldProblem(path + name, "calendar.line.problem", where(line), name,
                new DefaultMessageSourceResolvable(new String[] {detailKey}, detailArguments));
    }

    /** "Line 3" of a file, "entry 2" of a JSON year. */
    DefaultMessageSourceResolvable where(DayLine line) {
        return new DefaultMessageSourceResolvable(new String[] {this == CSV_FILE ? "calendar.where.line" : "calendar.where.entry"},
                new Object[] {String.valueOf(line.number())});
    }
}
