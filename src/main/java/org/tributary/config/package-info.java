/**
 * feeds.yml bytes → immutable {@link org.tributary.config.Config} records, or errors that name file, line, column and key. Never touches the network or the database.
 */
package org.tributary.config;
