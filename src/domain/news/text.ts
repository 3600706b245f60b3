import { Parser } from "htmlparser2";

/**
 * Feeds carry HTML in summaries (and in Atom's `type="html"` titles): what we store and score is
 * its visible text. Tags that separate blocks become a space, so "<p>a</p><p>b</p>" reads "a b";
 * inline tags vanish, so "<b>Acme</b>," keeps its comma. Script and style content is dropped.
 */
const BLOCK_TAGS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "br",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "td",
  "th",
  "tr",
  "ul",
]);
const HIDDEN_TAGS = new Set(["script", "style", "noscript", "template", "iframe", "svg", "object", "head", "title"]);

/**
 * The parser is linear in its input, but the input is still cut first: a summary keeps at most a
 * few hundred characters, and a feed may put a whole article (or megabytes of junk) in one field.
 */
export const MAX_HTML_INPUT_CHARS = 50_000;

export function htmlToText(html: string): string {
  const parts: string[] = [];
  let hiddenDepth = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (HIDDEN_TAGS.has(name)) hiddenDepth++;
        else if (BLOCK_TAGS.has(name)) parts.push(" ");
      },
      onclosetag(name) {
        if (HIDDEN_TAGS.has(name)) hiddenDepth = Math.max(0, hiddenDepth - 1);
        else if (BLOCK_TAGS.has(name)) parts.push(" ");
      },
      ontext(text) {
        if (hiddenDepth === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html.slice(0, MAX_HTML_INPUT_CHARS));
  return collapseWhitespace(parts.join(""));
}

/** Control characters, newlines and runs of spaces (non-breaking included) become one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\p{Cc}\s]+/gu, " ").trim();
}

/**
 * At most `maxChars` characters, cut at a word boundary when one is near, with an ellipsis when
 * anything was cut. Counts code points, so an emoji is never split into a broken surrogate.
 */
export function capText(text: string, maxChars: number): string {
  const codePoints = Array.from(text);
  if (codePoints.length <= maxChars) return text;
  const kept = codePoints.slice(0, maxChars - 1).join("");
  const lastSpace = kept.lastIndexOf(" ");
  const cut = lastSpace >= kept.length * 0.8 ? kept.slice(0, lastSpace) : kept;
  return `${cut.trimEnd()}…`;
}
