package org.yekuo.document;

import java.util.List;

/**
 * What a record the product issues says (an opinion sheet, a ruling, a report, a confirmation), in the words
 * of the module that issues it: a title, labelled lines and a closing statement. The document module lays it
 * out as a PDF/A page with the signer's block and signs it for them.
 */
public record RecordSheet(String title, List<Line> lines, String closing) {

    public RecordSheet {
        lines = List.copyOf(lines);
    }

    public record Line(String label, String text) {
    }
}
