package org.stationd.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Every version of every program this host put on air, with its source: what aired can always be read back. */
public final class ProgramVersions {
    private final Database db;

    public ProgramVersions(Database db) {
        this.db = db;
    }

    /** Records a version once; deploying the same text again changes nothing. */
    public void deployed(String program, String version, String source) {
        try (Connection c = db.connection()) {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM program_versions WHERE program = ? AND version = ?")) {
                q.setString(1, program);
                q.setString(2, version);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) return;
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO program_versions (program, version, deployed_at, source) VALUES (?, ?, ?, ?)")) {
                p.setString(1, program);
                p.setString(2, version);
                p.setObject(3, OffsetDateTime.now());
                p.setString(4, source);
                p.executeUpdate();
            } catch (SQLException raced) {
                // another host recorded the same version at the same moment: it is recorded
            }
        } catch (SQLException e) {
            throw new StorageException("recording version " + version + " of " + program, e);
        }
    }

    public List<String> versions(String program) {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT version FROM program_versions WHERE program = ? ORDER BY deployed_at, version")) {
            p.setString(1, program);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new StorageException("reading versions of " + program, e);
        }
        return out;
    }
}
