package org.stationd.api;

/**
 * A listener's recording from the voice board: what it is, who left it, until when it may air,
 * and whether an operator approved it ({@code pending}, {@code approved}, {@code rejected}).
 */
public record Recording(long id, String file, String category, String caller, Double seconds, long expiresAtEpochMillis, String status) {
    public long getId() { return id; }
    public String getFile() { return file; }
    public String getCategory() { return category; }
    public String getCaller() { return caller; }
    public Double getSeconds() { return seconds; }
    public long getExpiresAt() { return expiresAtEpochMillis; }
    public String getStatus() { return status; }
}
