package org.infermeter.route;

import java.util.Objects;
import org.infermeter.client.RelayClient;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Price;
import org.infermeter.sample.Protocol;

/**
 * One provider serving one model: where to send the request, under which model name, at what price.
 *
 * @param cell          our model id and the provider's name
 * @param providerModel the provider's name for the model
 * @param client        opens relays to the provider
 * @param price         its price, or null when the campaign gives none
 */
record Upstream(CellKey cell, String providerModel, RelayClient client, Price price) {
    Upstream {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(providerModel, "providerModel");
        Objects.requireNonNull(client, "client");
    }

    String provider() {
        return cell.provider();
    }

    Protocol protocol() {
        return client.endpoint().protocol();
    }
}
