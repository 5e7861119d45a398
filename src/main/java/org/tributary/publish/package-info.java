/**
 * Stored items → Atom 1.0, RSS 2.0, JSON Feed 1.1, HTML and OPML documents. Never fetches; never writes to the store.
 */
package org.tributary.publish;
