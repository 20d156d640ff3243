package dev.twilioconnector.sample;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** On which of this machine's addresses a server accepts connections. */
final class ListeningAddresses {

    private ListeningAddresses() {
    }

    /**
     * This machine's addresses besides 127.0.0.1 where a server listening on every interface accepts
     * connections and one listening on 127.0.0.1 does not: 127.0.0.2 (Linux routes all of 127.0.0.0/8 to the
     * loopback interface), and the addresses of every network interface that is up (link-local ones aside,
     * which need a scope to be reached).
     */
    static List<InetAddress> besidesLoopback() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            addresses.add(InetAddress.getByName("127.0.0.2"));
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (network.isUp() && !network.isLoopback()) {
                    Collections.list(network.getInetAddresses()).stream()
                            .filter(address -> !address.isLinkLocalAddress() && !(address instanceof Inet6Address && address.isLoopbackAddress()))
                            .forEach(addresses::add);
                }
            }
        } catch (UnknownHostException | SocketException e) {
            throw new IllegalStateException(e);
        }
        return addresses;
    }

    /** Whether a TCP connection to {@code address:port} is accepted (refused or no answer within 2 s: not). */
    static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
