package org.yekuo.integration.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a trace id in the log context ({@code traceId}) and in the {@code X-Trace-Id} response
 * header, so one line of a log and one complaint of a user lead to each other. A caller's W3C
 * {@code traceparent} is followed, so a call from another system keeps its trace. Requests about one order
 * ({@code /orders/{id}}, {@code /api/applications/{id}}) also carry its id ({@code orderId}), which finds everything
 * done to an order across requests, jobs and nodes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestTracing extends OncePerRequestFilter {

    static final String TRACE_ID = "traceId";
    static final String ORDER_ID = "orderId";
    static final String HEADER = "X-Trace-Id";
    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");
    private static final Pattern ORDER_PATH = Pattern.compile("^(?:/orders|/api/applications)/(\\d{1,18})(?:/.*)?$");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String traceId = traceId(request.getHeader("traceparent"));
        Map<String, String> outer = MDC.getCopyOfContextMap();
        MDC.put(TRACE_ID, traceId);
        Matcher order = ORDER_PATH.matcher(request.getRequestURI());
        if (order.matches()) {
            MDC.put(ORDER_ID, order.group(1));
        }
        response.setHeader(HEADER, traceId);
        try {
            chain.doFilter(request, response);
        } finally {
            if (outer == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(outer);
            }
        }
    }

    /** The caller's trace when it sent a valid one (an all-zero id is invalid by W3C), else a new one. */
    static String traceId(String traceparent) {
        if (traceparent != null) {
            Matcher matcher = TRACEPARENT.matcher(traceparent.trim());
            if (matcher.matches() && !matcher.group(1).chars().allMatch(c -> c == '0')) {
                return matcher.group(1);
            }
        }
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
