package org.rapport.authenticity;

/**
 * What a call that taught the workspace's model did: {@code trained} judgements of this call learned, and
 * {@code total} judgements the model now learns from (this call's and earlier ones; a repeated judgement of the
 * same account or comment replaces the earlier one).
 */
public record Learned(int trained, int total) {
}
