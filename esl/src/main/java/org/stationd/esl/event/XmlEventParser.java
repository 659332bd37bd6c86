package org.stationd.esl.event;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.stationd.esl.codec.PercentDecoder;

/**
 * {@code text/event-xml}, as FreeSWITCH's {@code switch_event_xmlize} writes it:
 * {@code <event><headers><Name>url-encoded value</Name>…</headers><body>…</body></event>}.
 * External entities and DTDs are refused.
 */
final class XmlEventParser {
    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    }

    private XmlEventParser() {}

    static EslEvent parse(byte[] data) {
        Map<String, String> headers = new LinkedHashMap<>();
        String body = null;
        try {
            // decoded here, not by the parser: the JDK's parser prints invalid UTF-8 to System.err
            XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(new String(data, StandardCharsets.UTF_8)));
            try {
                int depth = 0;
                boolean inHeaders = false;
                while (r.hasNext()) {
                    int ev = r.next();
                    if (ev == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        String local = r.getLocalName();
                        if (depth == 1 && !"event".equals(local)) {
                            throw new EventFormatException("XML event root is <" + local + ">, expected <event>");
                        } else if (depth == 2 && "headers".equals(local)) {
                            inHeaders = true;
                        } else if (depth == 2 && "body".equals(local)) {
                            body = r.getElementText();
                            depth--;
                        } else if (depth == 3 && inHeaders) {
                            String name = local;
                            String value = PercentDecoder.decode(r.getElementText());
                            headers.merge(name, value, (a, b) -> a.startsWith(ArrayValue.PREFIX) ? a + "|:" + b : ArrayValue.PREFIX + a + "|:" + b);
                            depth--;
                        }
                    } else if (ev == XMLStreamConstants.END_ELEMENT) {
                        if (depth == 2 && "headers".equals(r.getLocalName())) {
                            inHeaders = false;
                        }
                        depth--;
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new EventFormatException("XML event is not well-formed: " + e.getMessage(), e);
        }
        return EslEvent.owning(EslEvent.Format.XML, headers, body);
    }
}
