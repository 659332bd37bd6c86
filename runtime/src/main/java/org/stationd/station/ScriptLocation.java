package org.stationd.station;

/** Finds where in a script an error happened: the first stack frame in a .groovy or .js file. */
public final class ScriptLocation {
    private ScriptLocation() {}

    public static String of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement el : t.getStackTrace()) {
                String f = el.getFileName();
                if (f != null && (f.endsWith(".groovy") || f.endsWith(".js")) && el.getLineNumber() > 0) {
                    return f + ":" + el.getLineNumber();
                }
            }
        }
        return null;
    }
}
