/**
 * Bytes + content type + URL → {@link org.tributary.parse.ParsedFeed} (format-neutral records). Never does I/O; Rome types stay here.
 */
package org.tributary.parse;
