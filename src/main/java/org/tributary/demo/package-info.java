/**
 * The bundled offline demo: a tiny HTTP server on 127.0.0.1 that plays three partner sites (an RSS 2.0, an
 * Atom 1.0 and an RSS 1.0 feed, with images) so Tributary can be tried without a network. Not a pipeline stage:
 * nothing in the pipeline imports it, and it imports nothing from the pipeline.
 */
package org.tributary.demo;
