package org.tributary.alert;

/** One way of delivering alerts. Throws {@link DeliveryException} when the alert did not get through. */
public interface Notifier {

    void send(Alert alert) throws DeliveryException;

    /** What this notifier delivers to, for logs ("webhook https://hooks.example.org/x"). */
    String describe();

    final class DeliveryException extends Exception {
        public DeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
