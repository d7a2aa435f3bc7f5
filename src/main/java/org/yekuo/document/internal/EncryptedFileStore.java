package org.yekuo.document.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.yekuo.shared.CryptoProperties;
import org.yekuo.shared.PersonalDataKeys;

/**
 * Files at rest, sealed with SM4/GCM in chunks of 64 KiB so that a file of any size is written and read
 * as a stream (R-LIC-5). A file is a header (magic and an 8-byte random nonce) and its chunks; each chunk's
 * IV is the nonce and the chunk's number, and its tag covers the file's storage key and whether it is the
 * last chunk, so that chunks cannot be reordered, dropped, cut off or moved to another file unnoticed.
 */
@Component
public class EncryptedFileStore {

    static final int CHUNK = 64 * 1024;
    private static final int TAG_BYTES = 16;
    private static final byte[] MAGIC = "YKD1".getBytes(StandardCharsets.US_ASCII);
    private static final Provider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final SecretKeySpec key;

    @Autowired
    EncryptedFileStore(DocumentsProperties properties, CryptoProperties crypto, Environment environment) {
        this(properties.directory(), PersonalDataKeys.resolve(crypto.documentKey(), "yekuo.crypto.document-key",
                crypto.keyDirectory().resolve("document.key"), environment.matchesProfiles("prod")));
    }

    EncryptedFileStore(Path root, byte[] key) {
        this.root = root;
        this.key = new SecretKeySpec(key, "SM4");
    }

    /** A new storage key: 32 random hex digits. */
    public static String newKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Seals {@code content} under {@code storageKey} and returns the SM3 digest of the plain bytes. The file
     * appears whole or not at all; within a transaction it is deleted again if that transaction rolls back,
     * so a refused or failed change leaves no file behind.
     */
    public String write(String storageKey, InputStream content) {
        Path target = path(storageKey);
        try {
            Files.createDirectories(target.getParent());
            Path draft = Files.createTempFile(target.getParent(), ".draft", ".tmp");
            try {
                MessageDigest sm3 = MessageDigest.getInstance("SM3", BC);
                try (OutputStream out = Files.newOutputStream(draft)) {
                    byte[] nonce = new byte[8];
                    RANDOM.nextBytes(nonce);
                    out.write(MAGIC);
                    out.write(nonce);
                    byte[] chunk = new byte[CHUNK];
                    int index = 0;
                    int length = content.readNBytes(chunk, 0, CHUNK);
                    while (true) {
                        sm3.update(chunk, 0, length);
                        byte[] next = new byte[CHUNK];
                        int nextLength = length == CHUNK ? content.readNBytes(next, 0, CHUNK) : 0;
                        // A full chunk is followed by at least an empty last one, so the last chunk is always short.
                        boolean last = length < CHUNK;
                        out.write(cipher(Cipher.ENCRYPT_MODE, storageKey, nonce, index++, last).doFinal(chunk, 0, length));
                        if (last) {
                            break;
                        }
                        chunk = next;
                        length = nextLength;
                    }
                }
                Files.move(draft, target, StandardCopyOption.ATOMIC_MOVE);
                removeOnRollback(target);
                return HexFormat.of().formatHex(sm3.digest());
            } finally {
                Files.deleteIfExists(draft);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the document file " + target, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM4/GCM or SM3 is not available", e);
        }
    }

    /** The plain content, read and checked chunk by chunk; a changed or damaged file fails while reading. */
    public InputStream read(String storageKey) {
        try {
            InputStream in = Files.newInputStream(path(storageKey));
            byte[] magic = in.readNBytes(MAGIC.length);
            byte[] nonce = in.readNBytes(8);
            if (!Arrays.equals(magic, MAGIC) || nonce.length != 8) {
                in.close();
                throw new IOException("Not a sealed document file: " + storageKey);
            }
            return new OpeningStream(in, storageKey, nonce);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the document file " + storageKey, e);
        }
    }

    Path path(String storageKey) {
        if (!storageKey.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("Not a storage key: " + storageKey);
        }
        return root.resolve(storageKey.substring(0, 2)).resolve(storageKey);
    }

    private static void removeOnRollback(Path file) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        try {
                            Files.deleteIfExists(file);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            });
        }
    }

    private Cipher cipher(int mode, String storageKey, byte[] nonce, int index, boolean last) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("SM4/GCM/NoPadding", BC);
        byte[] iv = ByteBuffer.allocate(12).put(nonce).putInt(index).array();
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
        cipher.updateAAD(storageKey.getBytes(StandardCharsets.US_ASCII));
        cipher.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
        return cipher;
    }

    /** Opens one chunk at a time: at most 64 KiB of a file is in memory while it is read. */
    private final class OpeningStream extends InputStream {

        private final InputStream sealed;
        private final String storageKey;
        private final byte[] nonce;
        private byte[] plain = new byte[0];
        private int position;
        private int index;
        private boolean done;

        OpeningStream(InputStream sealed, String storageKey, byte[] nonce) {
            this.sealed = sealed;
            this.storageKey = storageKey;
            this.nonce = nonce;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (position == plain.length) {
                if (done) {
                    return -1;
                }
                nextChunk();
            }
            int n = Math.min(length, plain.length - position);
            System.arraycopy(plain, position, buffer, offset, n);
            position += n;
            return n;
        }

        private void nextChunk() throws IOException {
            byte[] chunk = sealed.readNBytes(CHUNK + TAG_BYTES);
            boolean last = chunk.length < CHUNK + TAG_BYTES;
            if (last && chunk.length < TAG_BYTES) {
                throw new EOFException("The document file " + storageKey + " is cut off");
            }
            try {
                plain = cipher(Cipher.DECRYPT_MODE, storageKey, nonce, index++, last).doFinal(chunk);
            } catch (GeneralSecurityException e) {
                throw new IOException("The document file " + storageKey + " failed its integrity check: it was changed or "
                        + "sealed under another key", e);
            }
            position = 0;
            done = last;
        }

        @Override
        public void close() throws IOException {
            sealed.close();
        }
    }
}
