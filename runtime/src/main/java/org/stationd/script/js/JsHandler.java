package org.stationd.script.js;

import org.graalvm.polyglot.Value;
import org.stationd.api.ErrorHandler;
import org.stationd.api.Event;
import org.stationd.api.Handler;
import org.stationd.api.ProgramError;
import org.stationd.script.ScriptControl;

/**
 * A JS function as a handler. Called as a method of the object it was written in, so
 * {@code this} inside {@code dtmf(e) { … }} is the state object, as JavaScript authors expect.
 */
final class JsHandler implements Handler, ErrorHandler, ScriptControl.Bound {
    private final Value owner;
    private final String member;
    private final JsBridge bridge;
    private final JsControl control;

    JsHandler(Value owner, String member, JsBridge bridge, JsControl control) {
        this.owner = owner;
        this.member = member;
        this.bridge = bridge;
        this.control = control;
    }

    @Override
    public void handle(Event event) {
        if (event == null) {
            owner.invokeMember(member);
        } else {
            owner.invokeMember(member, bridge.event(event));
        }
    }

    @Override
    public void handle(ProgramError error) {
        owner.invokeMember(member, bridge.error(error));
    }

    @Override
    public ScriptControl control() {
        return control;
    }
}
