/**
 * Everything Tributary sends on its own initiative (WebSub pings, alert webhooks, the CLI's calls to a running serve's
 * admin API) goes through one client with one policy: our User-Agent, the same connect and request timeouts, HTTP/1.1,
 * no redirects followed (a 3xx is an answer, not an invitation to post elsewhere), and bounded response bodies.
 * Partner feeds are not fetched here: they keep fetch's guarded client. Never imports a pipeline stage.
 */
package org.tributary.outbound;
