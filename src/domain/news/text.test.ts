import { describe, expect, it } from "vitest";
import { capText, collapseWhitespace, htmlToText } from "./text";

describe("[NEWS] text from feed HTML", () => {
  it("keeps the visible text: inline tags vanish, blocks separate, entities decode", () => {
    expect(htmlToText("<p>Revenue rose <b>24%</b>, &amp; margins &lt;improved&gt;.</p><p>Shares&nbsp;gained.</p>")).toBe(
      "Revenue rose 24%, & margins <improved>. Shares gained.",
    );
    expect(htmlToText("one<br>two<br/>three")).toBe("one two three");
    expect(htmlToText("&#8364;5 &#x1F680; &hellip;")).toBe("€5 🚀 …");
  });

  it("drops scripts, styles and comments, even when left unclosed", () => {
    expect(htmlToText("Hi<script>alert('x')</script> there<style>p{}</style><!-- secret -->!")).toBe("Hi there!");
    expect(htmlToText("Visible<script>never closed")).toBe("Visible");
  });

  it("reads plain text and broken markup as text", () => {
    expect(htmlToText("plain & simple")).toBe("plain & simple");
    expect(htmlToText("a < b and c > d")).toBe("a < b and c > d");
    expect(htmlToText("")).toBe("");
  });

  it("collapses whitespace and control characters", () => {
    expect(collapseWhitespace("  a\n\t b\u0000c\u00a0 d\u0007 ")).toBe("a b c d");
  });

  it("caps by code point at a word boundary, with an ellipsis only when cut", () => {
    expect(capText("short", 10)).toBe("short");
    expect(capText("markets rally on strong earnings", 20)).toBe("markets rally on…");
    expect(Array.from(capText("🚀".repeat(30), 10))).toHaveLength(10);
    expect(capText("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
