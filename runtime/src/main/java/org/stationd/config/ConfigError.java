package org.stationd.config;

/** One thing wrong in a config file, located so an editor can jump to it. */
public record ConfigError(String file, int line, int column, String key, String message) {
    @Override
    public String toString() {
        // a file that cannot be read at all has no place in it to name (line 0)
        return file + (line > 0 ? ":" + line + ":" + column : "") + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
