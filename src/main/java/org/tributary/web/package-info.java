/**
 * HTTP routes (Javalin): documents with caching headers, CORS and security headers, /status, /status.html, health,
 * /metrics (Micrometer, fed by the pipeline through a RefreshListener) and the loopback-only admin backup.
 * Never writes items; Javalin and Micrometer types stay here.
 */
package org.tributary.web;
