package org.yekuo.document;

/**
 * The decision of the module that owns a document's context on whether a reader may open it (ADR 18). Only
 * kinds whose readers are decided by their context ({@link DocumentKind#decidedByContext()}) take one, and
 * only for the context named, so that no other document becomes reachable by it.
 *
 * @param kind    the kind of document the owner decides on
 * @param subject the context within the order, e.g. which coordination question the file is attached to
 * @param granted whether the owner lets this reader see the context
 */
public record ContextDecision(DocumentKind kind, String subject, boolean granted) {
}
