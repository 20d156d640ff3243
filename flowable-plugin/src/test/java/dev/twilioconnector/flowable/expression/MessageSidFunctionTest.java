package dev.twilioconnector.flowable.expression;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageSidFunctionTest {

    private static final String SID = "SM00000000000000000000000000000001";

    @Test
    void readsTheFirstMessageOfASendResult() {
        assertThat(MessageSidFunction.messageSid("[{\"to\":\"+15551230001\",\"sid\":\"" + SID + "\",\"status\":\"queued\"},"
                + "{\"to\":\"+15551230002\",\"sid\":\"SM00000000000000000000000000000002\",\"status\":\"queued\"}]")).isEqualTo(SID);
    }

    @Test
    void readsTheMessageOfAGetMessageResult() {
        assertThat(MessageSidFunction.messageSid("{\"sid\":\"" + SID + "\",\"status\":\"delivered\"}")).isEqualTo(SID);
    }

    @Test
    void isNullWhenThereIsNoMessage() {
        assertThat(MessageSidFunction.messageSid(null)).isNull();
        assertThat(MessageSidFunction.messageSid("[]")).isNull();
        assertThat(MessageSidFunction.messageSid("not json")).isNull();
        assertThat(MessageSidFunction.messageSid("[{\"to\":\"+15551230001\"}]")).isNull();
    }
}
