package org.yekuo.document;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;


import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.support.CounterOrders;

import com.jayway.jsonpath.JsonPath;

/** Where the field photo tests start: an order waiting at its site survey, and a photo added to a node through the API. */
final class SiteSurveyPhotos {

    static final String PASSWORD = "Yekuo@2026";

    private SiteSurveyPhotos() {
    }

    /** A resident's new low-voltage supply, accepted at the counter by the clerk: its site survey is open. */
    static long orderAtSiteSurvey(MockMvc mvc) throws Exception {
        String created = CounterOrders.acceptResidential(mvc, "王小明");
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        String acceptance = JsonPath.read(created, "$.openItems[0].taskId");
        mvc.perform(post("/api/tasks/{t}/sign-for", acceptance).with(httpBasic("clerk", PASSWORD))).andExpect(status().isOk());
        mvc.perform(post("/api/tasks/{t}/complete", acceptance).with(httpBasic("clerk", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"fields\":{}}")).andExpect(status().isNoContent());
        return id;
    }

    /** {@code user} adds {@code bytes} as a photo of {@code kind} with {@code annotation} to the task, through the API. */
    static ResultActions addPhoto(MockMvc mvc, String taskId, String user, byte[] bytes, String kind, String annotation)
            throws Exception {
        return mvc.perform(multipart("/api/tasks/{t}/photos", taskId)
                .file(new MockMultipartFile("file", "photo.jpg", "image/jpeg", bytes))
                .param("kind", kind).param("annotation", annotation).with(httpBasic(user, PASSWORD)));
    }
}
