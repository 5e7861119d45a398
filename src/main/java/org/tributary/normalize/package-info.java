/**
 * ParsedFeed + Source → {@link org.tributary.normalize.Item}s: identity, dates, absolute URLs, sanitized HTML, excerpt, type, topics, image. Never does I/O.
 */
package org.tributary.normalize;
