package org.rapport.channels.web;

import java.util.UUID;

import org.rapport.channels.ReplyDelivery;
import org.rapport.inbox.Messages;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** "Send again" on a reply that did not leave. */
@Controller
class DeliveryController {

	private final ReplyDelivery delivery;
	private final Messages messages;

	DeliveryController(ReplyDelivery delivery, Messages messages) {
		this.delivery = delivery;
		this.messages = messages;
	}

	@PostMapping("/inbox/{conversationId}/messages/{messageId}/send")
	String sendAgain(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID conversationId, @PathVariable UUID messageId) {
		me.requireWorker();
		messages.find(me.workspaceId(), messageId).orElseThrow(() -> new NotFoundException("No message " + messageId));
		delivery.deliver(me.workspaceId(), messageId);
		return "redirect:/inbox/" + conversationId;
	}
}
