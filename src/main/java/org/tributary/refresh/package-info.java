/**
 * One source, once: fetch → parse → normalize → store, with the outcome written as a row of source state. Exceptions stop here: a failing source is data, never a crash.
 */
package org.tributary.refresh;
