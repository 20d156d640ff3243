package dev.twilioconnector.emulator;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of a TwiML answer: each {@code <Message>} with its text (its own text, or its
 * {@code <Body>}), its {@code <Media>} and the {@code to} it names, if any. An answer that is no TwiML
 * has none. Read without DTDs or external entities: the answer comes from the application under test.
 */
final class TwimlReply {

    /** One {@code <Message>}; {@code to} is {@code null} when it answers the sender. */
    record Reply(String text, String to, List<String> mediaUrls) {
    }

    private TwimlReply() {
    }

    static List<Reply> messages(String twiml) {
        if (twiml == null || twiml.isBlank()) {
            return List.of();
        }
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(twiml)));
        } catch (ParserConfigurationException | SAXException | IOException notTwiml) {
            return List.of();
        }
        NodeList found = document.getElementsByTagName("Message");
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) {
            Element message = (Element) found.item(i);
            replies.add(new Reply(text(message), message.hasAttribute("to") ? message.getAttribute("to") : null, media(message)));
        }
        return replies;
    }

    private static String text(Element message) {
        NodeList bodies = message.getElementsByTagName("Body");
        if (bodies.getLength() > 0) {
            return bodies.item(0).getTextContent();
        }
        StringBuilder text = new StringBuilder();
        for (Node child = message.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.toString();
    }

    private static List<String> media(Element message) {
        NodeList media = message.getElementsByTagName("Media");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < media.getLength(); i++) {
            urls.add(media.item(i).getTextContent().trim());
        }
        return urls;
    }
}
