package org.stationd.console;

/** A request the console refuses, with the HTTP status and a message written for the operator. */
final class ApiError extends RuntimeException {
    final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
