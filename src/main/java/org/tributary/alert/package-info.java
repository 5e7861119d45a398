/**
 * Telling people when a source breaks. In: every refresh report (as a {@code RefreshListener}) and the source's
 * stored state. Out: one alert per problem (failing longer than {@code alerts.after}, moved, gone) and one on
 * recovery, as a JSON POST to the webhook and/or an e-mail to {@code alerts.email.to} and the source's owner.
 * Which node sends is decided by a conditional UPDATE in the store, so the alert state survives restarts.
 * Never: stores items, or lets a delivery failure reach the refresh (it is logged, and retried next refresh).
 */
package org.tributary.alert;
