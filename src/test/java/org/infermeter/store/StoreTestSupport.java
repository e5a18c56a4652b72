package org.infermeter.store;

import java.util.Arrays;
import java.util.List;

final class StoreTestSupport {
    private StoreTestSupport() {
    }

    static List<Long> ids(CampaignRecord... campaigns) {
        return Arrays.stream(campaigns).map(CampaignRecord::id).toList();
    }
}
