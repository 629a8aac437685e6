package org.rapport.blog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.springframework.web.util.HtmlUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The small part of XML-RPC that Pingback needs: a call with string parameters, a string answer, a fault. Foreign
 * XML is parsed with document type declarations forbidden, so no external entity, no entity expansion bomb and
 * no DTD fetch can happen; callers limit the size before.
 */
final class XmlRpc {

	/** The most bytes of XML-RPC Rapport reads, either way. */
	static final int MAX_BYTES = 64 * 1024;

	/** XML-RPC's interoperability fault codes for calls that cannot be read or name an unknown method. */
	static final int PARSE_ERROR = -32700;

	static final int UNKNOWN_METHOD = -32601;

	static final int BAD_PARAMS = -32602;

	private XmlRpc() {
	}

	record Call(String method, List<String> params) {
	}

	/** An answer: a value, or a fault with its code. */
	record Reply(boolean fault, int code, String text) {
	}

	static String call(String method, String... params) {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodCall><methodName>")
			.append(escape(method)).append("</methodName><params>");
		for (String p : params) {
			xml.append("<param><value><string>").append(escape(p)).append("</string></value></param>");
		}
		return xml.append("</params></methodCall>\n").toString();
	}

	static String response(String value) {
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodResponse><params><param><value><string>" + escape(value)
				+ "</string></value></param></params></methodResponse>\n";
	}

	static String fault(int code, String message) {
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodResponse><fault><value><struct>"
				+ "<member><name>faultCode</name><value><int>" + code + "</int></value></member>"
				+ "<member><name>faultString</name><value><string>" + escape(message) + "</string></value></member>"
				+ "</struct></value></fault></methodResponse>\n";
	}

	/** Reads a call; throws {@link IllegalArgumentException} when it is not well-formed XML-RPC. */
	static Call parseCall(byte[] xml) {
		Element root = parse(xml);
		if (!"methodCall".equals(root.getTagName())) {
			throw new IllegalArgumentException("Not an XML-RPC call.");
		}
		Element name = child(root, "methodName");
		if (name == null || name.getTextContent().isBlank()) {
			throw new IllegalArgumentException("The call names no method.");
		}
		List<String> params = new ArrayList<>();
		Element list = child(root, "params");
		if (list != null) {
			for (Element param : children(list, "param")) {
				Element value = child(param, "value");
				params.add(value == null ? "" : scalar(value));
			}
		}
		return new Call(name.getTextContent().strip(), params);
	}

	/** Reads an answer; throws {@link IllegalArgumentException} when it is not XML-RPC. */
	static Reply parseReply(byte[] xml) {
		Element root = parse(xml);
		if (!"methodResponse".equals(root.getTagName())) {
			throw new IllegalArgumentException("Not an XML-RPC answer.");
		}
		Element fault = child(root, "fault");
		if (fault != null) {
			int code = 0;
			String text = "";
			Element struct = child(child(fault, "value"), "struct");
			for (Element member : children(struct, "member")) {
				Element name = child(member, "name");
				Element value = child(member, "value");
				if (name == null || value == null) {
					continue;
				}
				if ("faultCode".equals(name.getTextContent().strip())) {
					try {
						code = Integer.parseInt(scalar(value).strip());
					}
					catch (NumberFormatException e) {
						code = 0;
					}
				}
				else if ("faultString".equals(name.getTextContent().strip())) {
					text = scalar(value);
				}
			}
			return new Reply(true, code, text);
		}
		Element param = child(child(root, "params"), "param");
		Element value = child(param, "value");
		return new Reply(false, 0, value == null ? "" : scalar(value));
	}

	/** A value's text: {@code <value>text</value>} is a string too; a typed scalar's content otherwise. */
	private static String scalar(Element value) {
		for (Node n = value.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element typed) {
				return typed.getTextContent();
			}
		}
		return value.getTextContent();
	}

	private static Element parse(byte[] xml) {
		if (xml.length > MAX_BYTES) {
			throw new IllegalArgumentException("The XML is larger than " + MAX_BYTES + " bytes.");
		}
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
			factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
			factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
			factory.setXIncludeAware(false);
			factory.setExpandEntityReferences(false);
			factory.setNamespaceAware(false);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(null);
			Document document = builder.parse(new ByteArrayInputStream(xml));
			return document.getDocumentElement();
		}
		catch (SAXException e) {
			throw new IllegalArgumentException("The XML cannot be read: " + e.getMessage());
		}
		catch (ParserConfigurationException | IOException e) {
			throw new IllegalStateException("The XML parser cannot be set up safely.", e);
		}
	}

	private static Element child(Element parent, String name) {
		if (parent == null) {
			return null;
		}
		List<Element> found = children(parent, name);
		return found.isEmpty() ? null : found.getFirst();
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> found = new ArrayList<>();
		if (parent == null) {
			return found;
		}
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e && e.getTagName().equals(name)) {
				found.add(e);
			}
		}
		return found;
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
	}
}
