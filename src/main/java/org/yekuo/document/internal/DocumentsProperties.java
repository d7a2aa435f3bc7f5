package org.yekuo.document.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the archive keeps its files ({@code yekuo.documents.directory}, a volume every node of a cluster
 * shares), and when downloads by one person are a burst that the security administrator is told of: more
 * than {@code burst-limit} within {@code burst-window} (R-DOC-5).
 */
@ConfigurationProperties("yekuo.documents")
public record DocumentsProperties(@DefaultValue("data/documents") Path directory, @DefaultValue("30") int burstLimit,
        @DefaultValue("10m") Duration burstWindow) {
}
