package org.stationd.script;

/** How long the JS engine waits for an interrupted script before cancelling its context (JsControl.GRACE). */
final class JsGrace {
    static final long MILLIS = 1000;

    private JsGrace() {}
}
