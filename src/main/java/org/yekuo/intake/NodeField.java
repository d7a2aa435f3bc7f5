package org.yekuo.intake;

/** A value staff entered when completing a node. */
public record NodeField(String nodeCode, String fieldName, String text) {
}
