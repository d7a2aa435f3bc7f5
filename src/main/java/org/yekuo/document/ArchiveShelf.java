package org.yekuo.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One document of an order with its version history: the current version and the ones it replaced,
 * newest first. {@code nodeCode} is where the first version arrived.
 */
public record ArchiveShelf(DocumentKind kind, String subject, String nodeCode, Document current, List<Document> earlier) {

    /** The shelves of an archive listed oldest first, in the order their first versions arrived. */
    public static List<ArchiveShelf> of(List<Document> documents) {
        Map<String, List<Document>> bySubject = new LinkedHashMap<>();
        documents.forEach(d -> bySubject.computeIfAbsent(d.kind() + "/" + d.subject(), k -> new ArrayList<>()).add(d));
        return bySubject.values().stream().map(versions -> {
            List<Document> newestFirst = new ArrayList<>(versions);
            newestFirst.sort((a, b) -> Integer.compare(b.version(), a.version()));
            Document first = versions.stream().min((a, b) -> Integer.compare(a.version(), b.version())).orElseThrow();
            return new ArchiveShelf(first.kind(), first.subject(), first.nodeCode(), newestFirst.get(0),
                    List.copyOf(newestFirst.subList(1, newestFirst.size())));
        }).toList();
    }
}
