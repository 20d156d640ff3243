package dev.twilioconnector.inbound.webhook;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class TwimlTest {

    @Test
    void nothingToSayIsAnEmptyResponse() throws Exception {
        for (String nothing : new String[] {null, ""}) {
            String xml = Twiml.reply(nothing);

            assertThat(xml).as("reply(%s)", nothing).contains("<Response/>").doesNotContain("<Message");
            Document document = parse(xml);
            assertThat(document.getDocumentElement().getTagName()).isEqualTo("Response");
            assertThat(document.getDocumentElement().getChildNodes().getLength()).isZero();
        }
    }

    @Test
    void aReplyIsOneMessageInTheResponse() throws Exception {
        String xml = Twiml.reply("Your reference number is 4711");

        assertThat(xml).contains("<Response><Message>Your reference number is 4711</Message></Response>");
        assertThat(messageText(xml)).isEqualTo("Your reference number is 4711");
    }

    @Test
    void markupInTheReplyIsEscapedAndReadsBackUnchanged() throws Exception {
        String text = "a < b & \"c\" > 'd' ${7*7} <Redirect>https://evil.example.com</Redirect> ]]>";

        String xml = Twiml.reply(text);

        assertThat(xml).contains("&lt;").contains("&amp;").doesNotContain("<Redirect>").doesNotContain("49");
        Document document = parse(xml);
        assertThat(document.getElementsByTagName("Redirect").getLength()).isZero();
        assertThat(document.getElementsByTagName("Message").getLength()).isEqualTo(1);
        assertThat(messageText(xml)).isEqualTo(text);
    }

    @Test
    void unicodeAndLineBreaksReadBackUnchanged() throws Exception {
        String text = "Gr\u00fc\u00dfe \uD83D\uDE00\nline two\t+1";

        assertThat(messageText(Twiml.reply(text))).isEqualTo(text);
    }

    @Test
    void charactersXmlCannotCarryBecomeReplacementCharacters() throws Exception {
        String text = "bell\u0007 nul\u0000 lone\uD800 end";

        assertThat(messageText(Twiml.reply(text))).isEqualTo("bell\uFFFD nul\uFFFD lone\uFFFD end");
    }

    private static String messageText(String xml) throws Exception {
        Document document = parse(xml);
        Element response = document.getDocumentElement();
        assertThat(response.getTagName()).isEqualTo("Response");
        NodeList messages = response.getElementsByTagName("Message");
        assertThat(messages.getLength()).isEqualTo(1);
        return messages.item(0).getTextContent();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
