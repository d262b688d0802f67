package org.safereport.intake.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.envelope.DataKey;

import javax.sql.DataSource;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Evidence bytes as a stream read from PostgreSQL a slice at a time and decrypted as it is read (with the
 * report's data key, a segment at a time: see {@link org.safereport.envelope.DataKey}), so that no file (up to 10 MB) is ever
 * whole in memory however many are being downloaded. Each slice is one query on a connection borrowed for
 * it alone: a slow reader holds no connection while it reads. Evidence is never changed once stored, so
 * slices read apart still make the file as stored.
 */
@ApplicationScoped
public class EvidenceContents {

    static final int SLICE_BYTES = 256 * 1024;

    private final DataSource dataSource;
    private final ReportSealing sealing;

    EvidenceContents(DataSource dataSource, ReportSealing sealing) {
        this.dataSource = dataSource;
        this.sealing = sealing;
    }

    /** The bytes of evidence {@code evidenceId} as uploaded, from the first; empty for no such evidence. */
    public InputStream open(UUID evidenceId) {
        return dataKeyOf(evidenceId)
                .map(key -> key.opening(new SlicedContent(evidenceId), ReportSealing.evidenceContext(evidenceId)))
                .orElseGet(InputStream::nullInputStream);
    }

    private Optional<DataKey> dataKeyOf(UUID evidenceId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT r.data_key, r.key_id FROM evidence e JOIN report r ON r.id = e.report_id WHERE e.id = ?")) {
            query.setObject(1, evidenceId);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? Optional.of(sealing.dataKeyOf(result.getBytes(1), result.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the data key of evidence " + evidenceId, e);
        }
    }

    /**
     * Unchecked, so that a database out of reach reaches the problem mapper as itself (503), not as a broken
     * stream: ImageIO would even swallow an IOException and report that it knows no such image format.
     */
    private byte[] slice(UUID evidenceId, int offset) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT substring(content FROM ? FOR ?) FROM evidence WHERE id = ?")) {
            query.setInt(1, offset + 1); // SQL counts from 1
            query.setInt(2, SLICE_BYTES);
            query.setObject(3, evidenceId);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getBytes(1) : new byte[0];
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read evidence " + evidenceId + " at byte " + offset, e);
        }
    }

    private final class SlicedContent extends InputStream {

        private final UUID evidenceId;
        private byte[] slice = new byte[0];
        private int next;
        /** Where the next slice starts in the file. */
        private int offset;
        private boolean lastSlice;

        SlicedContent(UUID evidenceId) {
            this.evidenceId = evidenceId;
        }

        @Override
        public int read() {
            return available() > 0 || fill() ? slice[next++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int from, int length) {
            if (length == 0) {
                return 0;
            }
            if (available() == 0 && !fill()) {
                return -1;
            }
            int count = Math.min(length, available());
            System.arraycopy(slice, next, buffer, from, count);
            next += count;
            return count;
        }

        @Override
        public int available() {
            return slice.length - next;
        }

        /** Reads the next slice; false at the end of the file. */
        private boolean fill() {
            if (lastSlice) {
                return false;
            }
            slice = slice(evidenceId, offset);
            next = 0;
            offset += slice.length;
            lastSlice = slice.length < SLICE_BYTES;
            return slice.length > 0;
        }
    }
}
