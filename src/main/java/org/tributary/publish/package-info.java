/**
 * Stored items → Atom 1.0, RSS 2.0, JSON Feed 1.1, HTML and OPML documents. Never fetches; never writes to the store.
 * Every word a person reads on a page comes from {@link org.tributary.publish.Messages} (site.language), never from a
 * literal in a writer.
 */
package org.tributary.publish;
