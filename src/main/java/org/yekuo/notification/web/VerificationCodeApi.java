package org.yekuo.notification.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.notification.IssuedCode;
import org.yekuo.notification.VerificationCodes;
import org.yekuo.notification.VerificationPurpose;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/public/verification-codes")
@Tag(name = "Verification codes", description = "SMS codes that prove an applicant's mobile number; no account needed")
class VerificationCodeApi {

    private final VerificationCodes codes;

    VerificationCodeApi(VerificationCodes codes) {
        this.codes = codes;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Send a 6-digit code by SMS, valid 5 minutes for its purpose only; "
            + "at most 1 a minute and 10 a day per phone, 20 an hour per address (429 says when to retry)")
    IssuedCode issue(@RequestBody CodeRequest request, HttpServletRequest http) {
        return codes.issue(request.phone(), request.purpose(), http.getRemoteAddr());
    }

    record CodeRequest(String phone, VerificationPurpose purpose) {
    }
}
