package dev.twilioconnector.sample.orders;

import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Stands in for an order system: the order-status process asks it, as {@code ${orderDesk.statusOf(…)}},
 * how an order is doing. The answer depends only on the number, so a demo is repeatable.
 */
@Component("orderDesk")
public class OrderDesk {

    private static final List<String> STATUSES = List.of(
            "shipped today, arriving in 2 days", "being packed", "delivered yesterday", "waiting for payment");

    public String statusOf(String orderNumber) {
        long number = Long.parseLong(orderNumber.trim());
        return STATUSES.get((int) (number % STATUSES.size()));
    }
}
