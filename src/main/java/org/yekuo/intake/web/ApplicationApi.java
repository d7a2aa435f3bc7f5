package org.yekuo.intake.web;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yekuo.identity.AccessRules;
import org.yekuo.document.UploadedFile;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.intake.ApplicationIntake;
import org.yekuo.intake.ApplicationMaterial;
import org.yekuo.intake.MaterialSupply;
import org.yekuo.intake.NewApplication;
import org.yekuo.intake.OrderView;
import org.yekuo.intake.Orders;
import org.yekuo.intake.SchemeCheck;
import org.yekuo.intake.SchemeChecks;
import org.yekuo.shared.DomainException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api")
@Tag(name = "Applications", description = "Orders from acceptance to power-on")
class ApplicationApi {

    private final ApplicationIntake intake;
    private final Orders orders;
    private final MaterialSupply supply;
    private final CurrentUsers users;
    private final SchemeChecks schemeChecks;

    ApplicationApi(ApplicationIntake intake, Orders orders, MaterialSupply supply, CurrentUsers users,
            SchemeChecks schemeChecks) {
        this.schemeChecks = schemeChecks;
        this.intake = intake;
        this.orders = orders;
        this.supply = supply;
        this.users = users;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/applications")
    @PreAuthorize("hasRole('CLERK')")
    @Operation(summary = "Accept an application on one certificate; repeat-safe with an Idempotency-Key header")
    ResponseEntity<OrderView> accept(@RequestBody NewApplication request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        var user = users.require();
        var application = intake.accept(request, Optional.ofNullable(idempotencyKey).filter(k -> !k.isBlank()), user);
        return ResponseEntity.created(URI.create("/api/applications/" + application.id()))
                .body(orders.view(application.id(), user));
    }

    @GetMapping("/applications")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "Orders of my org unit and below, newest first: q is an order number, an applicant's full name, "
            + "mobile, ID number or credit code (matched through blind indexes), or part of an address; type, node, status "
            + "and the day of acceptance from and to (yyyy-MM-dd) narrow it")
    Orders.OrderPage list(@RequestParam(required = false) String q, @RequestParam(required = false) String type,
            @RequestParam(required = false) String node, @RequestParam(required = false) String status,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return orders.list(users.require(), new OrderSearchForm(q, type, node, status, from, to).toSearch(), page, size);
    }

    @PostMapping("/applications/{id}/phone")
    @PreAuthorize("hasAnyRole('CLERK', 'SURVEYOR')")
    @Operation(summary = "Reveal the applicant's full mobile number to call them (clerks and surveyors, in scope); audited")
    RevealedPhone revealPhone(@PathVariable long id) {
        return new RevealedPhone(orders.revealPhone(id, users.require()));
    }

    record RevealedPhone(String phone) {
    }

    @GetMapping("/applications/{id}")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "One order with its materials, timeline, open nodes and recorded fields")
    OrderView get(@PathVariable long id) {
        return orders.view(id, users.require());
    }

    @PostMapping("/applications/{id}/cancel")
    @PreAuthorize("hasAnyRole('CLERK', 'DEPARTMENT_HEAD', 'LEADER')")
    @Operation(summary = "Withdraw an application with a reason; its process ends")
    OrderView cancel(@PathVariable long id, @RequestBody CancelRequest request) {
        var user = users.require();
        intake.cancel(id, request.reason(), user);
        return orders.view(id, user);
    }

    @PostMapping(path = "/applications/{id}/materials/{materialCode}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('CLERK')")
    @Operation(summary = "Supply a material file (PDF, JPEG, PNG or OFD, at most 20 MB); resumes a suspended order")
    ApplicationMaterial supply(@PathVariable long id, @PathVariable String materialCode, @RequestPart("file") MultipartFile file)
            throws IOException {
        return supply.supply(id, materialCode, UploadedFile.of(file), users.require());
    }

    @GetMapping("/applications/{id}/scheme-check")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "The LV scheme check (R-REV-2) as the designer last answered it: each LV guideline item with its clause, "
            + "department, verdict and note (staff in scope); 404 before the scheme is designed or for a type without it")
    SchemeCheck schemeCheck(@PathVariable long id) {
        return schemeChecks.latest(id, users.require()).orElseThrow(() -> DomainException.notFound("intake.scheme-check.none", String.valueOf(id)));
    }

    record CancelRequest(String reason) {
    }
}
