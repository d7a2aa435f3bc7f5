package org.yekuo.shared;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * An upload over the size limit (one file or all files of one request, e.g. a many-page counter scan) is answered in
 * Yekuo's own words, naming the field, the limits and what to do, before anything reads it: the API with a problem
 * document (413), a page by going back to the page it came from with the refusal shown there. Nothing is kept.
 * Without this the servlet container's parse failure surfaced as a bare "forbidden" (no CSRF token could be read)
 * or as the framework's English error.
 */
@Component
// Before TextInputFilter (-110), which reads the parameters, and the security filters.
@Order(-120)
class UploadLimitFilter extends OncePerRequestFilter {

    /** The field a refused upload is reported under: the parts could not be read, so their own names are unknown. */
    static final String FIELD = "files";

    private final ProblemWriter problems;
    private final MessageSource messages;
    private final LocaleResolver locales;
    private final DataSize maxFile;
    private final DataSize maxRequest;
    private final SessionFlashMapManager flashes = new SessionFlashMapManager();

    UploadLimitFilter(ProblemWriter problems, MessageSource messages, LocaleResolver locales,
            @Value("${spring.servlet.multipart.max-file-size:20MB}") DataSize maxFile,
            @Value("${spring.servlet.multipart.max-request-size:25MB}") DataSize maxRequest) {
        this.problems = problems;
        this.messages = messages;
        this.locales = locales;
        this.maxFile = maxFile;
        this.maxRequest = maxRequest;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getContentType() == null || !request.getContentType().toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParts();
        } catch (IllegalStateException tooLarge) {
            refuse(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object[] limits = {maxFile.toMegabytes(), maxRequest.toMegabytes()};
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            problems.writeInvalid(request, response, HttpStatus.CONTENT_TOO_LARGE, "upload.too-large", FIELD, "upload.too-large.field", limits);
            return;
        }
        Locale locale = locales.resolveLocale(request);
        String back = sameSiteReferer(request);
        if (back == null) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(messages.getMessage("upload.too-large.page", limits, locale));
            return;
        }
        // The page it came from shows the refusal as it shows its own (a flash "refusal", as after a refused form).
        FlashMap flash = new FlashMap();
        flash.put("refusal", new Refusals.Refusal(messages.getMessage("upload.too-large.page", limits, locale), Map.of()));
        flash.setTargetRequestPath(URI.create(back).getPath());
        flashes.saveOutputFlashMap(flash, request, response);
        response.setStatus(HttpStatus.SEE_OTHER.value());
        response.setHeader("Location", back);
    }

    /** The page the upload came from, when it is one of ours: its path and query, never another site. */
    private static String sameSiteReferer(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        if (referer == null) {
            return null;
        }
        try {
            URI uri = URI.create(referer);
            if (uri.getHost() != null && !uri.getHost().equalsIgnoreCase(request.getServerName())) {
                return null;
            }
            String path = uri.getRawPath();
            if (path == null || !path.startsWith("/") || path.startsWith("//")) {
                return null;
            }
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
