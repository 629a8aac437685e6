package org.rapport.authenticity;

import java.util.List;

/** How likely a comment is spam (0..1), the verdict ({@code spam} from 0.5 on, else {@code ham}), and why. */
public record CommentVerdict(String id, double spam, String verdict, List<Reason> reasons) {
}
