package org.yekuo.identity;

/**
 * What a member of staff may see: the org unit at {@code orgPath} and everything below it. Paths look
 * like {@code /1/4/9/}, so "below" is a prefix.
 */
public record DataScope(String orgPath) {

    public boolean includes(String otherOrgPath) {
        return otherOrgPath != null && otherOrgPath.startsWith(orgPath);
    }

    /** The LIKE pattern that selects rows in scope by their org path column. */
    public String likePattern() {
        return orgPath + "%";
    }
}
