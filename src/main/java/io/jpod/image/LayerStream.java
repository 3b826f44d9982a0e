package io.jpod.image;

import io.jpod.error.ImageException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A layer blob being read: the blob's own digest (as stored, maybe compressed), and the
 * uncompressed tar stream with its digest (the diffID) and length, computed as it is read.
 */
final class LayerStream {
    private final Hashing blob;
    private final Hashing tar;

    private LayerStream(Hashing blob, Hashing tar) {
        this.blob = blob;
        this.tar = tar;
    }

    /** Opens {@code raw}, detecting gzip, zstd or plain tar from its first bytes. */
    static LayerStream open(InputStream raw, String archive) throws IOException {
        Hashing blob = new Hashing(raw);
        BufferedInputStream buffered = new BufferedInputStream(blob, 65536);
        buffered.mark(4);
        byte[] magic = buffered.readNBytes(4);
        buffered.reset();
        InputStream uncompressed;
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            uncompressed = GzipCompressorInputStream.builder().setInputStream(buffered).setDecompressConcatenated(true).get();
        } else if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            uncompressed = zstd(buffered, archive);
        } else {
            uncompressed = buffered;
        }
        return new LayerStream(blob, new Hashing(uncompressed));
    }

    /**
     * A zstd decoder over {@code in}: every frame, one after the other (skippable frames, as
     * zstd:chunked appends, are passed over). zstd-jni's native library is loaded on first use.
     */
    private static InputStream zstd(InputStream in, String archive) throws IOException {
        try {
            return new ZstdInputStreamNoFinalizer(in, RecyclingBufferPool.INSTANCE);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new ImageException(archive, archive + ": cannot load the zstd library to decompress the layer: " + e.getMessage(), e);
        }
    }

    /** The uncompressed tar stream. */
    InputStream tar() {
        return tar;
    }

    /** Reads what is left (tar padding, trailing data) so that the digests cover the whole blob. */
    TarExtractor.Result finish() throws IOException {
        tar.transferTo(java.io.OutputStream.nullOutputStream());
        blob.transferTo(java.io.OutputStream.nullOutputStream());
        return new TarExtractor.Result(Digests.PREFIX + Digests.hex(tar.md), Digests.PREFIX + Digests.hex(blob.md), tar.count);
    }

    /** Hashes and counts what passes through; closing does not close the source. */
    private static final class Hashing extends ObservedStream {
        final MessageDigest md = Digests.sha256();
        long count;

        Hashing(InputStream in) {
            super(in);
        }

        @Override
        protected void seen(byte[] b, int off, int n) {
            md.update(b, off, n);
            count += n;
        }

        @Override
        public void close() {
        }
    }
}
