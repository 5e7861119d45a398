/**
 * All SQL: Flyway migrations, item upserts, source state, the queries publishing needs. Never knows HTTP or XML; java.sql stays here.
 */
package org.tributary.store;
