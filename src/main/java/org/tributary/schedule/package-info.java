/**
 * Config → Quartz jobs and triggers, one per source; a fired job calls the refresh of one source. Jobs live in memory
 * on H2 (one node) or in Quartz's clustered JDBC job store on PostgreSQL (several nodes; the tables come from the
 * store's migrations and the connections from a pool the store hands over). Never parses or stores items; Quartz
 * types stay here.
 */
package org.tributary.schedule;
