package org.rapport.blog.web;

import io.swagger.v3.oas.annotations.Operation;
import org.rapport.blog.Media;
import org.rapport.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code POST /api/v1/blog/media}: images for posts and pages. */
@RestController
class MediaApi {

	private final Media media;

	MediaApi(Media media) {
		this.media = media;
	}

	@PostMapping(path = "/api/v1/blog/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Upload an image", description = "Multipart field 'file': a JPEG, PNG, GIF or WebP image (checked by its "
			+ "bytes) of at most 10 MB. Answers with its id, public url and the Markdown line that shows it.")
	Media.Stored upload(@AuthenticationPrincipal CurrentUser me, @RequestParam("file") MultipartFile file) {
		return media.store(me, file.getOriginalFilename(), MediaController.bytes(file));
	}
}
