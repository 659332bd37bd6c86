package org.stationd.api;

/** The version of the scripting API a program is written against. Bumped on any incompatible change. */
public final class ApiVersion {
    public static final int CURRENT = 1;

    private ApiVersion() {}
}
