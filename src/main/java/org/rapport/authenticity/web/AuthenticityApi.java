package org.rapport.authenticity.web;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.authenticity.BoughtFollowers;
import org.rapport.authenticity.Comment;
import org.rapport.authenticity.CommentSpam;
import org.rapport.authenticity.CommentVerdict;
import org.rapport.authenticity.Learned;
import org.rapport.authenticity.MessageTriage;
import org.rapport.authenticity.Profile;
import org.rapport.authenticity.ProfileVerdict;
import org.rapport.platform.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Authenticity", description = "Bought followers and comment spam: verdicts with reasons, and teaching the workspace's models")
class AuthenticityApi {

	private final BoughtFollowers followers;
	private final CommentSpam spam;
	private final MessageTriage triage;

	AuthenticityApi(BoughtFollowers followers, CommentSpam spam, MessageTriage triage) {
		this.followers = followers;
		this.spam = spam;
		this.triage = triage;
	}

	record Messages(List<MessageTriage.Item> messages) {
	}

	record TriageVerdicts(List<MessageTriage.Verdict> items) {
	}

	@PostMapping("/api/v1/authenticity/messages/triage")
	@Operation(summary = "Triages up to 5,000 messages: kind (question, complaint, praise, data-request, other), sentiment "
			+ "(negative, neutral, positive) and language, with reasons in the reader's language (Accept-Language)")
	TriageVerdicts triageMessages(@AuthenticationPrincipal CurrentUser me, @RequestBody Messages body, Locale locale) {
		return new TriageVerdicts(triage.triage(me.workspaceId(), body.messages(), locale));
	}

	record Profiles(List<Profile> profiles) {
	}

	record ProfileVerdicts(List<ProfileVerdict> items) {
	}

	record Comments(List<Comment> comments) {
	}

	record CommentVerdicts(List<CommentVerdict> items) {
	}

	@PostMapping("/api/v1/authenticity/profiles/score")
	@Operation(summary = "Scores up to 5,000 account profiles: how likely each was bought, the verdict and the reasons, in the reader's language (Accept-Language)")
	ProfileVerdicts scoreProfiles(@AuthenticationPrincipal CurrentUser me, @RequestBody Profiles body, Locale locale) {
		return new ProfileVerdicts(followers.score(me.workspaceId(), body.profiles(), locale));
	}

	@PostMapping("/api/v1/authenticity/profiles/labels")
	@Operation(summary = "Teaches the workspace's model with profiles judged by the team (label 'bought' or 'genuine') and retrains it at once")
	Learned labelProfiles(@AuthenticationPrincipal CurrentUser me, @RequestBody Profiles body) {
		return followers.learn(me, body.profiles());
	}

	@PostMapping("/api/v1/authenticity/comments/score")
	@Operation(summary = "Scores up to 5,000 comments or messages: how likely each is spam, the verdict and the reasons")
	CommentVerdicts scoreComments(@AuthenticationPrincipal CurrentUser me, @RequestBody Comments body, Locale locale) {
		return new CommentVerdicts(spam.score(me.workspaceId(), body.comments(), locale));
	}

	@PostMapping("/api/v1/authenticity/comments/labels")
	@Operation(summary = "Teaches the workspace's spam filter with comments judged by the team (label 'spam' or 'ham') and retrains it at once")
	Learned labelComments(@AuthenticationPrincipal CurrentUser me, @RequestBody Comments body) {
		return spam.learn(me, body.comments());
	}
}
