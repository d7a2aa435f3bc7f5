package org.yekuo.manual;

/**
 * A note an editor writes into the next edition.
 *
 * @param nodeCode a node of the chapter, or null/blank for the chapter as a whole
 * @param kind     TIP, RULE or EXAMPLE
 */
public record NoteDraft(String typeCode, String nodeCode, String kind, String title, String body) {
}
