package org.tributary.store;

/**
 * The data directory (or the database file in it) cannot be used: it is missing as a directory, or the user running
 * us may not read and write it. Its message is one line naming the path; the command line exits with a code of its
 * own for it, since no restart can help until an operator fixes the owner, the mode or the mount.
 */
public final class DataDirectoryException extends RuntimeException {
    DataDirectoryException(String message) {
        super(message);
    }
}
