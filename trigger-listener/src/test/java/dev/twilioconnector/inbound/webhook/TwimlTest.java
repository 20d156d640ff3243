package dev.twilioconnector.inbound.webhook;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.List;

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

    @Test
    void withMediaTheTextIsTheBodyAndEachUrlAMedia() throws Exception {
        String xml = Twiml.reply("Your ticket & seat", List.of("https://example.com/t.png?a=1&b=2", "https://example.com/map.png"));

        assertThat(xml).contains("<Response><Message><Body>Your ticket &amp; seat</Body><Media>https://example.com/t.png?a=1&amp;b=2"
                + "</Media><Media>https://example.com/map.png</Media></Message></Response>");
        Element message = (Element) parse(xml).getElementsByTagName("Message").item(0);
        assertThat(message.getElementsByTagName("Body").item(0).getTextContent()).isEqualTo("Your ticket & seat");
        assertThat(message.getElementsByTagName("Media").item(0).getTextContent()).isEqualTo("https://example.com/t.png?a=1&b=2");
    }

    @Test
    void mediaAloneHasNoBody() {
        assertThat(Twiml.reply(null, List.of("https://example.com/t.png")))
                .contains("<Response><Message><Media>https://example.com/t.png</Media></Message></Response>").doesNotContain("<Body>");
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
