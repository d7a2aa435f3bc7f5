package org.yekuo.document;

import java.util.Set;

/**
 * What a caller accepts for one kind of upload.
 *
 * @param kindRefusal the message that names the allowed kinds when a file is of another kind
 */
public record FilePolicy(Set<FileType> allowed, long maxBytes, String kindRefusal) {

    public FilePolicy {
        allowed = Set.copyOf(allowed);
    }
}
