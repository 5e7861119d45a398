/**
 * Bytes + content type + URL → {@link org.tributary.parse.ParsedFeed} (format-neutral records) from RSS, Atom and JSON Feed. Never does I/O; Rome types stay here.
 */
package org.tributary.parse;
