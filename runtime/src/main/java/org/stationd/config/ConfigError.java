package org.stationd.config;

/** One thing wrong in a config file, located so an editor can jump to it. */
public record ConfigError(String file, int line, int column, String key, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
