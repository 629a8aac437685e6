package org.rapport.authenticity;

/** Why a verdict was given: a stable {@code code} for programs and a sentence in the reader's language. */
public record Reason(String code, String text) {
}
