package org.rapport.authenticity;

import java.util.List;

/** How likely an account was bought (0..1), the verdict ({@code bought} from 0.5 on, else {@code genuine}), and why. */
public record ProfileVerdict(String id, double bought, String verdict, List<Reason> reasons) {
}
