package org.yekuo.shared;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Key material for personal data at rest, each a base64 text of 16 random bytes:
 * {@code yekuo.crypto.personal-data-key} (SM4, encryption), {@code yekuo.crypto.index-key}
 * (HMAC-SM3, blind index) and {@code yekuo.crypto.document-key} (SM4, files of the archive), e.g. from
 * {@code YEKUO_CRYPTO_PERSONAL_DATA_KEY}, {@code YEKUO_CRYPTO_INDEX_KEY} and {@code YEKUO_CRYPTO_DOCUMENT_KEY}. Left out, a key is generated once into {@code key-directory} so that
 * the product runs with nothing configured; the {@code prod} profile refuses to start without them.
 */
@ConfigurationProperties("yekuo.crypto")
public record CryptoProperties(String personalDataKey, String indexKey, String documentKey,
        @DefaultValue("data") Path keyDirectory) {
}
