package org.stationd.script;

import java.util.Locale;

/** The languages programs are written in, told apart by file extension. */
public enum Language {
    GROOVY(".groovy"),
    JAVASCRIPT(".js");

    private final String extension;

    Language(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The language of a program file, by its extension. */
    public static Language ofFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (Language l : values()) {
            if (lower.endsWith(l.extension)) {
                return l;
            }
        }
        throw new IllegalArgumentException("'" + fileName + "' is not a program: name it *.groovy (Groovy) or *.js (JavaScript)");
    }
}
