package org.rapport.contacts.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.contacts.Contact;
import org.rapport.contacts.ContactExports;
import org.rapport.contacts.ContactImports;
import org.rapport.contacts.ContactImports.Mapping;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.Tags;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Tags on contacts, and contacts exported and imported as CSV and vCard. */
@RestController
@Tag(name = "Contact tags, export and import", description = "Tags; CSV and vCard export; all-or-nothing import")
class ContactTransfersApi {

	private final Contacts contacts;
	private final Tags tags;
	private final ContactExports exports;
	private final ContactImports imports;

	ContactTransfersApi(Contacts contacts, Tags tags, ContactExports exports, ContactImports imports) {
		this.contacts = contacts;
		this.tags = tags;
		this.exports = exports;
		this.imports = imports;
	}

	record TagList(List<String> tags) {
	}

	record Items<T>(List<T> items) {
	}

	@GetMapping("/api/v1/contacts/{id}/tags")
	TagList tags(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		contacts.get(user.workspaceId(), id);
		return new TagList(tags.of(user.workspaceId(), id));
	}

	@PutMapping("/api/v1/contacts/{id}/tags")
	@Operation(summary = "Replaces the tags of a contact; tags are stored in lower case")
	TagList setTags(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody TagList request) {
		user.requireWorker();
		if (request == null || request.tags() == null) {
			throw new IllegalArgumentException("Send {\"tags\": [...]}.");
		}
		return new TagList(tags.set(user.workspaceId(), ContactId.of(id), request.tags()));
	}

	@GetMapping("/api/v1/contacts/tagged/{tag}")
	Items<Contact> tagged(@AuthenticationPrincipal CurrentUser user, @PathVariable String tag,
			@RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
		if (limit < 1 || limit > 200 || offset < 0) {
			throw new IllegalArgumentException("limit must be 1-200 and offset at least 0.");
		}
		return new Items<>(tags.tagged(user.workspaceId(), tag, limit, offset).stream()
			.map(id -> contacts.get(user.workspaceId(), id))
			.toList());
	}

	@GetMapping("/api/v1/contacts/export.csv")
	@Operation(summary = "Every contact as CSV: id, name, emails, phones, tags, note, created_at")
	ResponseEntity<String> exportCsv(@AuthenticationPrincipal CurrentUser user) {
		user.requireWorker();
		return download(exports.csv(user.workspaceId()), "contacts.csv", "text/csv");
	}

	@GetMapping("/api/v1/contacts/export.vcf")
	@Operation(summary = "Every contact as vCard 4.0")
	ResponseEntity<String> exportVcf(@AuthenticationPrincipal CurrentUser user) {
		user.requireWorker();
		return download(exports.vcard(user.workspaceId()), "contacts.vcf", "text/vcard");
	}

	static ResponseEntity<String> download(String body, String filename, String type) {
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.parseMediaType(type), StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.body(body);
	}

	/** The content to import as JSON: {@code format} csv or vcard, the file's text, and an optional mapping. */
	record ImportRequest(String format, String content, Mapping mapping) {
	}

	@PostMapping(path = "/api/v1/contacts/import/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Parses and checks an import without storing anything: rows, columns, errors per line")
	ContactImports.Preview preview(@AuthenticationPrincipal CurrentUser user, @RequestBody ImportRequest request) {
		user.requireWorker();
		return imports.preview(user.workspaceId(), ContactImports.format(request.format(), null), request.content(),
				request.mapping());
	}

	@PostMapping(path = "/api/v1/contacts/import/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ContactImports.Preview previewFile(@AuthenticationPrincipal CurrentUser user, @RequestParam MultipartFile file,
			@RequestParam(required = false) String format, MappingParams mapping) {
		user.requireWorker();
		return imports.preview(user.workspaceId(), ContactImports.format(format, file.getOriginalFilename()), text(file),
				mapping.mapping());
	}

	@PostMapping(path = "/api/v1/contacts/import/preview", consumes = { "text/csv", "text/vcard", "text/plain" })
	ContactImports.Preview previewText(@AuthenticationPrincipal CurrentUser user, @RequestBody String content,
			@RequestParam(required = false) String format, MappingParams mapping,
			@org.springframework.web.bind.annotation.RequestHeader(HttpHeaders.CONTENT_TYPE) String type) {
		user.requireWorker();
		return imports.preview(user.workspaceId(), formatOf(format, type), content, mapping.mapping());
	}

	@PostMapping(path = "/api/v1/contacts/import", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Imports all rows or none; 400 with the errors of every line if any line has one")
	ContactImports.Result importJson(@AuthenticationPrincipal CurrentUser user, @RequestBody ImportRequest request) {
		user.requireWorker();
		return imports.importAll(user.workspaceId(), ContactImports.format(request.format(), null), request.content(),
				request.mapping());
	}

	@PostMapping(path = "/api/v1/contacts/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ContactImports.Result importFile(@AuthenticationPrincipal CurrentUser user, @RequestParam MultipartFile file,
			@RequestParam(required = false) String format, MappingParams mapping) {
		user.requireWorker();
		return imports.importAll(user.workspaceId(), ContactImports.format(format, file.getOriginalFilename()),
				text(file), mapping.mapping());
	}

	@PostMapping(path = "/api/v1/contacts/import", consumes = { "text/csv", "text/vcard", "text/plain" })
	ContactImports.Result importText(@AuthenticationPrincipal CurrentUser user, @RequestBody String content,
			@RequestParam(required = false) String format, MappingParams mapping,
			@org.springframework.web.bind.annotation.RequestHeader(HttpHeaders.CONTENT_TYPE) String type) {
		user.requireWorker();
		return imports.importAll(user.workspaceId(), formatOf(format, type), content, mapping.mapping());
	}

	/** Mapping as request parameters: {@code name=Full name&email=E-Mail&...}. */
	record MappingParams(String name, String email, String phone, String tags, String note) {

		Mapping mapping() {
			return new Mapping(name, email, phone, tags, note);
		}
	}

	private static String formatOf(String format, String contentType) {
		if (format == null || format.isBlank()) {
			return contentType != null && contentType.toLowerCase().startsWith("text/vcard") ? "vcard" : "csv";
		}
		return ContactImports.format(format, null);
	}

	static String text(MultipartFile file) {
		try {
			return new String(file.getBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@ExceptionHandler(ContactImports.ImportRefused.class)
	ResponseEntity<ProblemDetail> refused(ContactImports.ImportRefused e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
		problem.setTitle("Import refused");
		problem.setProperty("errors", e.errors());
		return ResponseEntity.badRequest().body(problem);
	}
}
