/**
 * Config → Quartz jobs and triggers, one per source; a fired job calls the refresh of one source. Never parses or stores; Quartz types stay here.
 */
package org.tributary.schedule;
