package org.rapport.channels.webform;

import java.util.Optional;

import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Text;
import org.springframework.stereotype.Component;

/** The contact form: messages come in through {@link WebFormController}; it has no way back, so replies go by mail. */
@Component
class WebformConnector implements ChannelConnector {

	@Override
	public String kind() {
		return "webform";
	}

	@Override
	public Text name() {
		return Text.of("Contact form", "Kontaktformular");
	}

	@Override
	public String icon() {
		return "M4 4h16v16H4z M8 9h8 M8 13h8 M8 17h5";
	}

	@Override
	public Optional<DefaultChannel> defaultChannel() {
		return Optional.of(new DefaultChannel(kind(), name(), true));
	}

	@Override
	public Replies replies() {
		return Replies.BY_MAIL;
	}

	/** Someone who fills in the contact form is asking something: an enquiry. */
	@Override
	public Optional<String> outcome() {
		return Optional.of("enquiry");
	}
}
