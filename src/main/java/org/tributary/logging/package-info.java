/**
 * How the log reports a failure that repeats: a full stack trace once per distinct cause per minute, then a count.
 * Any stage may use it (as every stage reads {@code config}); it holds no pipeline logic and writes only to SLF4J.
 */
package org.tributary.logging;
