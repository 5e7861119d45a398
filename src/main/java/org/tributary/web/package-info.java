/**
 * HTTP routes (Javalin): documents with caching headers, CORS and security headers, status and health. Never writes items; Javalin types stay here.
 */
package org.tributary.web;
