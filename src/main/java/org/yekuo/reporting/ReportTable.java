package org.yekuo.reporting;

import java.util.List;

/**
 * One titled table of a report as the exports lay it out: a sheet of the workbook, a section of the
 * PDF. Cells are text or numbers.
 */
public record ReportTable(String title, List<String> headers, List<List<Object>> rows) {
}
