/**
 * ParsedFeed + Source → {@link org.tributary.normalize.Item}s: identity, dates, absolute URLs, sanitized HTML, excerpt, type, topics, image and its alt text, language. Never does I/O.
 */
package org.tributary.normalize;
