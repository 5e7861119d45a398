/**
 * feeds.yml bytes → immutable {@link org.tributary.config.Config} records, or errors that name file, line, column and key.
 * {@link org.tributary.config.LiveConfig} holds the config in force and {@link org.tributary.config.ConfigWatcher}
 * swaps it when the file changes (a refused file leaves it as it was). Never touches the network or the database.
 */
package org.tributary.config;
