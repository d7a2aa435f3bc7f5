package org.yekuo.intake;

/** A photo's original bytes and their content type, unsealed for one reader in scope. */
public record PhotoContent(String contentType, byte[] bytes) {
}
