package org.tributary.testing;

import java.nio.file.Path;
import org.tributary.store.Database;

/** The two databases the store runs on; integration tests of the store run against each. */
public enum TestDatabase {
    H2 {
        @Override
        public Opener create(Path dataDir) {
            return () -> Database.h2(dataDir);
        }
    },
    POSTGRESQL {
        @Override
        public Opener create(Path dataDir) {
            String url = Postgres.freshDatabase();
            return () -> Database.open(url, Postgres.USER, Postgres.PASSWORD);
        }
    };

    /** Opens the same database every time it is called, as a restart would. */
    @FunctionalInterface
    public interface Opener {
        Database open();
    }

    /** A new empty database (for H2, a file under dataDir). */
    public abstract Opener create(Path dataDir);
}
