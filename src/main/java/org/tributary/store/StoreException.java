package org.tributary.store;

import java.sql.SQLException;

/** The database failed us: unexpected, so unchecked; the refresh job's single catch turns it into a failed source. */
final class StoreException extends RuntimeException {
    StoreException(SQLException cause) {
        super("store: " + cause.getMessage(), cause);
    }

    StoreException(String message) {
        super(message);
    }
}
