package org.stationd.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZCert;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The publish socket of a host with operator keys, in a cluster: another host's key that the
 * cluster's database vouches for may subscribe before this host's round has named it (ZeroMQ does
 * not retry a refused key), a key nobody vouches for may not, and neither may command.
 */
class BusCurveTest {
    @TempDir
    Path dir;

    /** A CURVE subscriber with its own key, to the bus's publish socket; what it hears within {@code ms}. */
    static String listen(ZContext zmq, ZmqBus bus, String serverKey, ZCert key, int ms) {
        try (ZMQ.Socket s = ZmqSockets.client(zmq, SocketType.SUB)) {   // as a host's subscriber: a stalled handshake is made again
            s.setCurveServerKey(ZMQ.Curve.z85Decode(serverKey));
            s.setCurvePublicKey(key.getPublicKey());
            s.setCurveSecretKey(key.getSecretKey());
            s.subscribe(ZMQ.SUBSCRIPTION_ALL);
            s.setReceiveTimeOut(50);
            s.connect(bus.publishEndpoint());
            long end = System.nanoTime() + ms * 1_000_000L;
            while (System.nanoTime() < end) {
                bus.publish("station/x/hello", Map.of("n", 1));   // until the subscription is made (ZeroMQ's late joiner)
                String topic = s.recvStr();
                if (topic != null) return topic;
            }
            return null;
        }
    }

    @Test
    void aHostTheDatabaseVouchesForSubscribesAndAStrangerDoesNot() throws Exception {
        ControlKeys.create(dir, "operator", false);
        ZCert otherHost = new ZCert();
        ZCert stranger = new ZCert();
        try (ZContext zmq = new ZContext(); ZContext clients = new ZContext();
             OperatorGate gate = new OperatorGate(zmq, ControlKeys.forHost(dir));
             ZmqBus bus = new ZmqBus(zmq, "tcp://127.0.0.1:*", List.of(), gate)) {
            bus.peers(java.util.Set.of());   // no round has named the other host yet
            bus.trustHosts(otherHost.getPublicKeyAsZ85()::equals);   // but the database says it is live
            String serverKey = bus.publicKey();
            assertNull(listen(clients, bus, serverKey, stranger, 1500), "a stranger's key hears nothing");
            assertEquals("station/x/hello", listen(clients, bus, serverKey, otherHost, 20_000), "the live host's key hears the station messages");
            // the control socket lets in operators only: the other host's key is refused there
            try (ControlServer control = new ControlServer(zmq, "tcp://127.0.0.1:*", gate, c -> Map.of("ok", true));
                 ZMQ.Socket dealer = clients.createSocket(SocketType.DEALER)) {
                dealer.setCurveServerKey(ZMQ.Curve.z85Decode(serverKey));
                dealer.setCurvePublicKey(otherHost.getPublicKey());
                dealer.setCurveSecretKey(otherHost.getSecretKey());
                dealer.setReceiveTimeOut(1500);
                dealer.setLinger(0);
                dealer.connect(control.endpoint());
                dealer.send("{\"cmd\":\"status\",\"rid\":1}");
                assertNull(dealer.recvStr(), "no answer to another host's key on the control socket");
            }
        }
    }

    @Test
    void anAdvertisedEndpointCarriesItsKey() {
        assertEquals(new BusPeer("tcp://a:5556", "K3y+z85"), BusPeer.parse("tcp://a:5556 curve=K3y+z85"));
        assertEquals(new BusPeer("tcp://a:5556", null), BusPeer.parse("tcp://a:5556"));
        assertEquals("tcp://a:5556 curve=K3y+z85", new BusPeer("tcp://a:5556", "K3y+z85").toString());
    }
}
