package org.yekuo.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a key: configured, else (outside production) a file generated once. Production must configure
 * its keys, since a generated file is easily lost or differs between nodes, and then every encrypted
 * value becomes unreadable.
 */
public final class PersonalDataKeys {

    static final int KEY_BYTES = 16;
    private static final Logger log = LoggerFactory.getLogger(PersonalDataKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private PersonalDataKeys() {
    }

    public static byte[] resolve(String configured, String property, Path file, boolean production) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured, property);
        }
        if (production) {
            throw new IllegalStateException(property + " is not set: the prod profile needs a key of " + KEY_BYTES
                    + " random bytes in base64 (for example `openssl rand -base64 16`), the same on every node,"
                    + " or encrypted personal data cannot be read");
        }
        return fromFile(file, property);
    }

    private static synchronized byte[] fromFile(Path file, String property) {
        try {
            if (!Files.exists(file)) {
                Path directory = file.toAbsolutePath().getParent();
                Files.createDirectories(directory);
                byte[] key = new byte[KEY_BYTES];
                RANDOM.nextBytes(key);
                // A temporary file is readable by its owner only; moving it in whole means no reader sees half a key.
                Path draft = Files.createTempFile(directory, ".key", ".tmp");
                Files.writeString(draft, Base64.getEncoder().encodeToString(key));
                try {
                    Files.move(draft, file);
                    log.warn("{} is not set: generated a key in {} for this installation only; configure it for production",
                            property, file.toAbsolutePath());
                } catch (FileAlreadyExistsException e) {
                    Files.delete(draft);
                }
            }
            return decode(Files.readString(file).strip(), file.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + file.toAbsolutePath(), e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64", e);
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(source + " must hold " + KEY_BYTES + " bytes in base64, not " + key.length);
        }
        return key;
    }
}
