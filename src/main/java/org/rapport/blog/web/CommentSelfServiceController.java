package org.rapport.blog.web;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.blog.Comment;
import org.rapport.blog.CommentLinks;
import org.rapport.blog.Comments;
import org.rapport.platform.Workspace;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page a commenter reaches with their signed link: it shows the comment and asks once (a link in a mail may be
 * opened by a scanner, so only the button deletes); deleting withdraws the consent. A link whose token does not fit
 * is refused with a readable page (403), saying nothing about the comment.
 */
@Controller
class CommentSelfServiceController {

	private final BlogPages pages;
	private final Comments comments;
	private final CommentLinks links;
	private final MessageSource messages;
	private final org.rapport.blog.ReplyMailOptOuts optOuts;

	CommentSelfServiceController(BlogPages pages, Comments comments, CommentLinks links, MessageSource messages,
			org.rapport.blog.ReplyMailOptOuts optOuts) {
		this.optOuts = optOuts;
		this.pages = pages;
		this.comments = comments;
		this.links = links;
		this.messages = messages;
	}

	@GetMapping("/blog/{ws}/comments/{id}/delete")
	String confirm(@PathVariable String ws, @PathVariable String id, @RequestParam(defaultValue = "") String t,
			Model model, HttpServletResponse response) {
		Workspace workspace = pages.workspace(ws);
		Optional<UUID> comment = links.verify(workspace.id(), id, t);
		if (comment.isEmpty()) {
			return refused(model, response);
		}
		Comment c = comments.get(workspace.id(), comment.get());
		if (c.deleted()) {
			return message(model, "blog.selfService.alreadyDeleted");
		}
		model.addAttribute("comment", c);
		model.addAttribute("token", t);
		model.addAttribute("action", "/blog/" + ws + "/comments/" + c.id() + "/delete");
		return "blog/comment-delete";
	}

	@PostMapping("/blog/{ws}/comments/{id}/delete")
	String delete(@PathVariable String ws, @PathVariable String id, @RequestParam(defaultValue = "") String t,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		Workspace workspace = pages.workspace(ws);
		Optional<UUID> comment = links.verify(workspace.id(), id, t);
		if (comment.isEmpty()) {
			return refused(model, response);
		}
		boolean deleted = comments.deleteByCommenter(workspace, comment.get(), request.getRemoteAddr());
		return message(model, deleted ? "blog.selfService.deleted" : "blog.selfService.alreadyDeleted");
	}

	/** The link in an answer mail to get no more such mails: asks once, as a mail scanner may open links. */
	@GetMapping("/blog/{ws}/replies/stop")
	String confirmStop(@PathVariable String ws, @RequestParam(defaultValue = "") String e,
			@RequestParam(defaultValue = "") String t, Model model, HttpServletResponse response) {
		Workspace workspace = pages.workspace(ws);
		if (!optOuts.verify(workspace.id(), e, t)) {
			return refused(model, response);
		}
		if (optOuts.optedOut(workspace.id(), e)) {
			return message(model, "blog.replyMails.stopped");
		}
		model.addAttribute("email", e.strip());
		model.addAttribute("token", t);
		model.addAttribute("action", "/blog/" + ws + "/replies/stop");
		return "blog/reply-mails-stop";
	}

	@PostMapping("/blog/{ws}/replies/stop")
	String stop(@PathVariable String ws, @RequestParam(defaultValue = "") String e,
			@RequestParam(defaultValue = "") String t, Model model, HttpServletRequest request, HttpServletResponse response) {
		Workspace workspace = pages.workspace(ws);
		if (!optOuts.verify(workspace.id(), e, t)) {
			return refused(model, response);
		}
		optOuts.optOut(workspace, e, request.getRemoteAddr());
		return message(model, "blog.replyMails.stopped");
	}

	private String refused(Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.FORBIDDEN.value());
		model.addAttribute("status", 403);
		model.addAttribute("message", messages.getMessage("blog.selfService.invalidLink", null, BlogPages.locale()));
		return "blog/message";
	}

	private String message(Model model, String key) {
		model.addAttribute("status", "");
		model.addAttribute("message", messages.getMessage(key, null, BlogPages.locale()));
		return "blog/message";
	}
}
