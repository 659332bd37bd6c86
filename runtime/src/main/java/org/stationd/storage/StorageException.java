package org.stationd.storage;

/** The database could not do what was asked; the message says what and for which station. */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
