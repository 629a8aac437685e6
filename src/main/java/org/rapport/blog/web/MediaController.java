package org.rapport.blog.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import org.rapport.blog.Media;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploading images from the blog's editor (which inserts the returned Markdown line) and serving them
 * publicly with their type, {@code nosniff} and a year's caching, as an address never changes its content.
 */
@Controller
class MediaController {

	private final Media media;
	private final Workspaces workspaces;

	MediaController(Media media, Workspaces workspaces) {
		this.media = media;
		this.workspaces = workspaces;
	}

	/** The editor's upload: JSON for its script; without a script, a page with the line to copy. */
	@PostMapping(path = "/blog/admin/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	String uploadFromEditor(@AuthenticationPrincipal CurrentUser me, @RequestParam("file") MultipartFile file, Model model) {
		try {
			model.addAttribute("stored", media.store(me, file.getOriginalFilename(), bytes(file)));
		}
		catch (IllegalArgumentException e) {
			model.addAttribute("error", e.getMessage());
		}
		return "blog/media-uploaded";
	}

	@PostMapping(path = "/blog/admin/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	@ResponseStatus(HttpStatus.CREATED)
	Media.Stored uploadFromScript(@AuthenticationPrincipal CurrentUser me, @RequestParam("file") MultipartFile file) {
		return media.store(me, file.getOriginalFilename(), bytes(file));
	}

	@GetMapping("/blog/{ws}/media/{file:.+}")
	ResponseEntity<Resource> serve(@PathVariable String ws, @PathVariable String file) {
		Workspace workspace = workspaces.bySlug(ws).orElseThrow(() -> new NotFoundException("No blog '" + ws + "'."));
		Media.File found = media.find(workspace.id(), file).orElseThrow(() -> new NotFoundException("No image '" + file + "'."));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(found.contentType()))
			.contentLength(found.size())
			.cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Disposition", "inline")
			.body(new FileSystemResource(found.path()));
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<ProblemDetail> refused(IllegalArgumentException e) {
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
	}

	static byte[] bytes(MultipartFile file) {
		if (file.getSize() > Media.MAX_BYTES) {
			throw new IllegalArgumentException("An image has at most 10 MB; this one has " + (file.getSize() / (1024 * 1024)) + " MB.");
		}
		try {
			return file.getBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
