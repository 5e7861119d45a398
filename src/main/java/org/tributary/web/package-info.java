/**
 * HTTP: published documents (pages, feeds, embed, OPML, CSS) answered from memory with caching headers, CORS and
 * security headers by a Jetty core handler in front of Javalin ({@code DocumentHandler}); /status, /status.html,
 * health, /metrics (Micrometer, fed by the pipeline through a RefreshListener), the loopback-only admin backup and
 * the 404 and 500 answers by Javalin routes; with site.image_proxy, /images/ (published images fetched through
 * the feeds' fetcher into a bounded disk cache, {@code ImageProxy}). Never writes items; Jetty, Javalin and Micrometer types stay here.
 */
package org.tributary.web;
