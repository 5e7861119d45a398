package org.tributary.alert;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.tributary.config.Alerts;

/**
 * Alerts as plain-text e-mail through the configured SMTP server, to {@code alerts.email.to} and to the source's
 * {@code owner}. STARTTLS is used when the server offers it; a user and password (from the environment, never
 * feeds.yml) turn on AUTH.
 */
public final class EmailNotifier implements Notifier {

    private final Alerts.Email settings;
    private final Session session;

    /**
     * @param user     SMTP user, or null for none
     * @param password SMTP password, used with user
     */
    public EmailNotifier(Alerts.Email settings, String user, String password, Duration timeout) {
        this.settings = settings;
        int colon = settings.smtp().lastIndexOf(':');
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", settings.smtp().substring(0, colon));
        p.setProperty("mail.smtp.port", settings.smtp().substring(colon + 1));
        p.setProperty("mail.smtp.starttls.enable", "true");
        String ms = Long.toString(timeout.toMillis());
        p.setProperty("mail.smtp.connectiontimeout", ms);
        p.setProperty("mail.smtp.timeout", ms);
        p.setProperty("mail.smtp.writetimeout", ms);
        Authenticator auth = null;
        if (user != null && !user.isBlank()) {
            p.setProperty("mail.smtp.auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password == null ? "" : password);
                }
            };
        }
        this.session = Session.getInstance(p, auth);
    }

    @Override
    public void send(Alert alert) throws DeliveryException {
        Set<String> to = new LinkedHashSet<>(settings.to());
        if (alert.source().owner() != null) to.add(alert.source().owner());
        if (to.isEmpty()) return;
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(settings.from()));
            List<InternetAddress> recipients = new ArrayList<>();
            for (String address : to) recipients.add(new InternetAddress(address));
            message.setRecipients(Message.RecipientType.TO, recipients.toArray(new InternetAddress[0]));
            message.setSubject("[Tributary] " + alert.summary(), "UTF-8");
            message.setSentDate(Date.from(alert.at()));
            message.setText(alert.body(), "UTF-8");
            Transport.send(message);
        } catch (MessagingException e) {
            throw new DeliveryException("alert: smtp " + settings.smtp() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "e-mail via " + settings.smtp();
    }
}
