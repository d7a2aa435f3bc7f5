package org.yekuo.intake.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.intake.ApplicantKind;
import org.yekuo.intake.CapacityUnit;
import org.yekuo.intake.ApplicationIntake;
import org.yekuo.intake.NewApplication;
import org.yekuo.shared.DomainException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/public/applications")
@Tag(name = "Online applications", description = "Applicants apply from their phone, proven by an SMS code")
class OnlineApplicationApi {

    private final ApplicationIntake intake;

    OnlineApplicationApi(ApplicationIntake intake) {
        this.intake = intake;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Operation(summary = "Apply online at a supply station with a verification code for purpose ONLINE_APPLICATION "
            + "sent to the applicant's phone; the code is used up only when the application is accepted; "
            + "repeat-safe with an Idempotency-Key header")
    ResponseEntity<OnlineReceipt> apply(@RequestBody OnlineApplicationRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (request.stationId() == null) {
            throw DomainException.invalid("stationId", "online.station.unknown");
        }
        var application = intake.acceptOnline(request.application(), request.stationId(), request.verificationCode(),
                Optional.ofNullable(idempotencyKey).filter(k -> !k.isBlank()));
        String progress = "/s/" + application.progressToken();
        return ResponseEntity.created(URI.create(progress)).body(new OnlineReceipt(application.orderNo(), progress));
    }

    /** An application as the applicant submits it, with the station it goes to and the code that proves the phone. */
    record OnlineApplicationRequest(String typeCode, ApplicantKind applicantKind, String applicantName, String subjectCode,
            String phone, String supplyAddress, BigDecimal capacity, CapacityUnit capacityUnit, Boolean agent, Long stationId,
            String verificationCode) {

        NewApplication application() {
            return new NewApplication(typeCode, applicantKind, applicantName, subjectCode, phone, supplyAddress, capacity,
                    capacityUnit, Boolean.TRUE.equals(agent));
        }
    }

    /** The order number and the path of its public progress page. */
    record OnlineReceipt(String orderNo, String progressPath) {
    }
}
