/**
 * All SQL: Flyway migrations, item upserts, source state, alert state (claimed by conditional UPDATEs), the queries
 * publishing needs, and H2 backup/restore. Never knows HTTP or XML; java.sql stays here.
 */
package org.tributary.store;
