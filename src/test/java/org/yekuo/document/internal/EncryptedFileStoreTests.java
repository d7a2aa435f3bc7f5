package org.yekuo.document.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files at rest are sealed with SM4/GCM in chunks and read back as a stream (R-LIC-5). */
class EncryptedFileStoreTests {

    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @TempDir
    Path directory;

    @Test
    @DisplayName("R-LIC-5 a file of several chunks is stored unreadable and read back whole, with the SM3 of its plain bytes")
    void sealsAndOpensAFileOfManyChunks() throws Exception {
        EncryptedFileStore store = new EncryptedFileStore(directory, KEY);
        byte[] content = new byte[EncryptedFileStore.CHUNK * 3 + 1234];
        new SecureRandom().nextBytes(content);
        Arrays.fill(content, 0, 64, (byte) 'A');
        String key = EncryptedFileStore.newKey();

        String digest = store.write(key, new ByteArrayInputStream(content));

        assertThat(digest).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SM3", new BouncyCastleProvider()).digest(content)));
        byte[] stored = Files.readAllBytes(store.path(key));
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("AAAAAAAAAAAAAAAA");
        assertThat(readAll(store, key)).isEqualTo(content);
    }

    @Test
    @DisplayName("R-LIC-5 a file that fills its chunks exactly, and an empty one, read back as they were")
    void sealsExactChunkMultiples() throws Exception {
        EncryptedFileStore store = new EncryptedFileStore(directory, KEY);
        for (int size : new int[] {0, EncryptedFileStore.CHUNK, EncryptedFileStore.CHUNK * 2}) {
            byte[] content = new byte[size];
            Arrays.fill(content, (byte) 7);
            String key = EncryptedFileStore.newKey();
            store.write(key, new ByteArrayInputStream(content));
            assertThat(readAll(store, key)).as("size " + size).isEqualTo(content);
        }
    }

    @Test
    @DisplayName("R-LIC-5 a changed byte, a file cut off at a chunk's end, or a file moved under another name fails to read")
    void refusesChangedCutOrMovedFiles() throws Exception {
        EncryptedFileStore store = new EncryptedFileStore(directory, KEY);
        byte[] content = new byte[EncryptedFileStore.CHUNK * 2 + 10];
        String key = EncryptedFileStore.newKey();
        store.write(key, new ByteArrayInputStream(content));
        byte[] sealed = Files.readAllBytes(store.path(key));

        byte[] changed = sealed.clone();
        changed[100] ^= 1;
        assertThatThrownBy(() -> readAll(store, put(store, changed))).isInstanceOf(IOException.class);
        // Cut after the first two full chunks: what is left looks complete unless the last chunk is marked.
        byte[] cut = Arrays.copyOf(sealed, 12 + 2 * (EncryptedFileStore.CHUNK + 16));
        assertThatThrownBy(() -> readAll(store, put(store, cut))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> readAll(store, put(store, sealed))).isInstanceOf(IOException.class);
        assertThat(readAll(store, key)).isEqualTo(content);
    }

    private static String put(EncryptedFileStore store, byte[] sealed) throws IOException {
        String key = EncryptedFileStore.newKey();
        Files.createDirectories(store.path(key).getParent());
        Files.write(store.path(key), sealed);
        return key;
    }

    private static byte[] readAll(EncryptedFileStore store, String key) throws IOException {
        try (InputStream in = store.read(key)) {
            return in.readAllBytes();
        }
    }
}
