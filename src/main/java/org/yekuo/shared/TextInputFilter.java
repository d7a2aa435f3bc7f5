package org.yekuo.shared;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Refuses a request whose query or form parameters (names and values) or uploaded file names carry a
 * character the {@link TextPolicy} refuses, with a problem document naming the parameter, before
 * anything else reads them: sign-in, the audit log and the database included. JSON bodies are checked
 * as they are read ({@code TextInputConfiguration}).
 */
@Component
// Before the security filters (at -100), which read the sign-in form and write the audit log.
@Order(-110)
class TextInputFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    TextInputFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refused = refusedField(request);
        if (refused != null) {
            problems.writeInvalid(request, response, refused, TextPolicy.REFUSED);
            return;
        }
        chain.doFilter(request, response);
    }

    private static String refusedField(HttpServletRequest request) throws IOException, ServletException {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (!TextPolicy.acceptable(parameter.getKey())) {
                return "?";
            }
            for (String value : parameter.getValue()) {
                if (!TextPolicy.acceptable(value)) {
                    return parameter.getKey();
                }
            }
        }
        if (request instanceof MultipartHttpServletRequest multipart) {
            for (Map.Entry<String, List<MultipartFile>> files : multipart.getMultiFileMap().entrySet()) {
                for (MultipartFile file : files.getValue()) {
                    if (!TextPolicy.acceptable(file.getOriginalFilename())) {
                        return files.getKey();
                    }
                }
            }
        } else if (request.getContentType() != null
                && request.getContentType().toLowerCase().startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
            try {
                for (Part part : request.getParts()) {
                    if (!TextPolicy.acceptable(part.getSubmittedFileName())) {
                        return part.getName();
                    }
                }
            } catch (IllegalStateException tooLarge) {
                // Over the upload limit: the multipart resolver refuses it with its own answer.
                return null;
            }
        }
        return null;
    }
}
