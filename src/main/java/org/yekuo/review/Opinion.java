package org.yekuo.review;

import java.util.List;

/**
 * An opinion as a reviewer enters it: the verdict, the clause numbers of the guideline it cites and what
 * to change. Clause numbers are trimmed and de-duplicated; blank ones are left out.
 */
public record Opinion(Verdict verdict, List<String> clauses, String text) {

    public Opinion {
        clauses = clauses == null ? List.of()
                : clauses.stream().filter(c -> c != null && !c.isBlank()).map(String::trim).distinct().toList();
        text = text == null ? "" : text.trim();
    }
}
