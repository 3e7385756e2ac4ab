package io.berth.server.management;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EMQX's paging of list routes: {@code ?page=1&limit=100} (pages count from 1), answered as
 * {@code {"data": [...], "meta": {"page", "limit", "count", "hasnext"}}} where {@code count} is the number of items
 * that matched the filters, over all pages.
 *
 * @param page  the page asked for, from 1
 * @param limit items per page, 1 to {@link #MAX_LIMIT}
 */
record Paging(int page, int limit) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    /**
     * The paging of a request: {@code page} and {@code limit} from its query, defaults 1 and 100.
     *
     * @throws ApiException 400 naming the parameter when one is not a number in range
     */
    static Paging of(ApiRequest r) {
        return new Paging(number(r, "page", 1, Integer.MAX_VALUE, 1),
                number(r, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT));
    }

    /** The page of {@code all} this paging asks for, in EMQX's shape. */
    Map<String, Object> apply(List<?> all) {
        long from = (long) (page - 1) * limit;
        List<?> data = from >= all.size() ? List.of()
                : all.subList((int) from, (int) Math.min(all.size(), from + limit));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("page", page);
        meta.put("limit", limit);
        meta.put("count", all.size());
        meta.put("hasnext", from + limit < all.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("meta", meta);
        return body;
    }

    /**
     * An integer query parameter between {@code min} and {@code max}, or {@code otherwise} when absent.
     *
     * @throws ApiException 400 naming the parameter when it is not such a number
     */
    static int number(ApiRequest r, String name, int min, int max, int otherwise) {
        String v = r.query(name);
        if (v == null || v.isEmpty()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, "BAD_REQUEST", "query parameter " + name + " must be a whole number from " + min
                + " to " + max + ", got \"" + v + "\"");
    }
}
