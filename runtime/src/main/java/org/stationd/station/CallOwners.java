package org.stationd.station;

/** The host-wide map from call uuid to station, kept by stations as their calls come and go. */
public interface CallOwners {
    void claim(String uuid, StationContext station);

    void release(String uuid);

    /** The station uses the conference {@code switchName}: its events (which carry no call of the station's) go to it. */
    default void usesConference(String switchName, StationContext station) {}

    CallOwners NONE = new CallOwners() {
        @Override public void claim(String uuid, StationContext station) {}
        @Override public void release(String uuid) {}
    };
}
