package org.rapport.blog.web;

import java.util.UUID;

import org.rapport.blog.Page;
import org.rapport.blog.PageInput;
import org.rapport.blog.Pages;
import org.rapport.blog.RenderedMarkdown;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Workspaces;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The editor for the blog's static pages in the back office, with the same server-rendered preview as posts. */
@Controller
class PageAdminController {

	private final Pages pages;
	private final Workspaces workspaces;

	PageAdminController(Pages pages, Workspaces workspaces) {
		this.pages = pages;
		this.workspaces = workspaces;
	}

	/** The editor's fields as typed. */
	record Form(String title, String markdown, String status, String slug, Integer position, Boolean privacy) {

		static Form of(Page page) {
			return new Form(page.title(), page.markdown(), page.status(), page.slug(), page.position(), page.privacy());
		}

		PageInput input() {
			return new PageInput(title, markdown, status, slug, position, Boolean.TRUE.equals(privacy));
		}
	}

	@GetMapping("/blog/admin/pages/new")
	String create(Model model) {
		return editor(model, null, new Form("", "", "draft", "", null, false), null, null);
	}

	@GetMapping("/blog/admin/pages/{id}")
	String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
		Page page = pages.get(me.workspaceId(), id);
		return editor(model, page, Form.of(page), null, null);
	}

	@PostMapping("/blog/admin/pages")
	String save(@AuthenticationPrincipal CurrentUser me, Form form, @RequestParam(defaultValue = "save") String action,
			Model model, RedirectAttributes redirect) {
		return saveOrPreview(me, null, form, action, model, redirect);
	}

	@PostMapping("/blog/admin/pages/{id}")
	String update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Form form,
			@RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect) {
		return saveOrPreview(me, id, form, action, model, redirect);
	}

	private String saveOrPreview(CurrentUser me, UUID id, Form form, String action, Model model, RedirectAttributes redirect) {
		Page existing = id == null ? null : pages.get(me.workspaceId(), id);
		if ("preview".equals(action)) {
			return editor(model, existing, form, RenderedMarkdown.of(form.markdown()), null);
		}
		try {
			Page saved = id == null ? pages.create(me, form.input()) : pages.update(me, id, form.input());
			redirect.addFlashAttribute("notice", "blog.pages.saved");
			return "redirect:/blog/admin/pages/" + saved.id();
		}
		catch (IllegalArgumentException e) {
			return editor(model, existing, form, null, e.getMessage());
		}
	}

	private String editor(Model model, Page page, Form form, RenderedMarkdown preview, String error) {
		model.addAttribute("page", page);
		model.addAttribute("form", form);
		model.addAttribute("preview", preview);
		model.addAttribute("error", error);
		model.addAttribute("action", page == null ? "/blog/admin/pages" : "/blog/admin/pages/" + page.id());
		if (page != null && page.published()) {
			model.addAttribute("publicPath", page.path(workspaces.get(page.workspaceId()).slug()));
		}
		return "blog/page-editor";
	}
}
