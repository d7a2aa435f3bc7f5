/**
 * The order's documents: files judged by their content, kept encrypted in versions, shown and handed out
 * with a watermark of who and when, and every view, download and refusal logged and alerted (R-DOC-1,
 * R-DOC-5, R-LIC-5). Other modules attach files through {@link org.yekuo.document.Documents}. The field's photos and
 * the scheme's drawings live here too; the order they are filed to answers through {@link org.yekuo.document.FiledOrders}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Document",
        allowedDependencies = { "audit", "identity", "notification", "shared", "workflow" })
package org.yekuo.document;
