package dev.twilioconnector.core.sms;

import com.twilio.base.ResourceSet;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageReader;
import dev.twilioconnector.core.Answer;
import dev.twilioconnector.core.TwilioCalls;
import dev.twilioconnector.core.recipient.PhoneAddress;
import dev.twilioconnector.core.settings.Credentials;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads messages back from Twilio: one by its SID, or a filtered list that follows Twilio's paging.
 * Like sending, it never throws for a Twilio problem.
 */
public final class MessageLookup {

    private final TwilioCalls calls;

    public MessageLookup(TwilioCalls calls) {
        this.calls = calls;
    }

    /** Reads {@code request} as {@link dev.twilioconnector.core.TwilioConnector} checked it. */
    public Answer<MessageRecord> fetch(FetchMessage request, Credentials credentials) {
        return calls.answer(credentials, client -> record(Message.fetcher(request.sid()).fetch(client)));
    }

    /** Reads {@code request} as {@link dev.twilioconnector.core.TwilioConnector} checked it. */
    public Answer<List<MessageRecord>> list(ListMessages request, Credentials credentials) {
        MessageReader reader = Message.reader();
        if (request.dateSentAfter() != null) {
            reader.setDateSentAfter(request.dateSentAfter().atZone(ZoneOffset.UTC));
        }
        if (request.dateSentBefore() != null) {
            reader.setDateSentBefore(request.dateSentBefore().atZone(ZoneOffset.UTC));
        }
        if (request.from() != null) {
            reader.setFrom(PhoneAddress.normalise(request.from()));
        }
        if (request.to() != null) {
            reader.setTo(PhoneAddress.normalise(request.to()));
        }
        if (request.pageSize() != null) {
            reader.pageSize(request.pageSize().intValue());
        }
        if (request.limit() != null) {
            reader.limit(request.limit());
        }
        // Reading on past the first page asks Twilio again, so the whole iteration is part of the call.
        return calls.answer(credentials, client -> {
            ResourceSet<Message> messages = reader.read(client);
            List<MessageRecord> found = new ArrayList<>();
            messages.forEach(message -> found.add(record(message)));
            return found;
        });
    }

    private static MessageRecord record(Message message) {
        return new MessageRecord(message.getSid(), message.getTo(),
                message.getFrom() == null ? null : message.getFrom().toString(),
                message.getBody(),
                message.getStatus() == null ? null : message.getStatus().toString(),
                message.getDirection() == null ? null : message.getDirection().toString(),
                message.getMessagingServiceSid(), message.getNumSegments(), message.getNumMedia(), message.getErrorCode(),
                message.getErrorMessage(), message.getPrice(),
                message.getPriceUnit() == null ? null : message.getPriceUnit().getCurrencyCode(),
                time(message.getDateCreated()), time(message.getDateSent()), time(message.getDateUpdated()));
    }

    private static OffsetDateTime time(ZonedDateTime time) {
        return time == null ? null : time.toOffsetDateTime();
    }
}
