package org.tributary.schedule;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;
import org.quartz.spi.InstanceIdGenerator;

/**
 * Quartz's instance id AUTO, made safe for several nodes on one host: host name, process id and a random suffix.
 * (Quartz's default, host name + current millisecond, gives two nodes started in the same millisecond on one machine
 * the same id, and the cluster would take them for one node.) Short, because Quartz builds fired-trigger ids from it
 * in a VARCHAR(95). Public only because Quartz instantiates it by class name.
 */
public final class NodeIdGenerator implements InstanceIdGenerator {

    @Override
    public String generateInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        if (host.length() > 40) host = host.substring(0, 40);
        return host + "-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
    }
}
