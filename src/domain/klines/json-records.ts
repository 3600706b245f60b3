/**
 * The JSON that Binance's REST klines endpoint returns, an array of flat arrays
 * (`[[1499040000000, "0.0163", ...], ...]`), read incrementally so a file of any length streams.
 * Each cell keeps its literal text: a string's content, or a number exactly as written, so no
 * time or price ever passes through a JS number. A structural error ends the file: after a
 * broken bracket there is no telling where the next row starts.
 */
import { KlineFileError } from "./issues";
import { type KlineRecord, MAX_RECORD_CHARS, type RecordReader } from "./records";

type State = "start" | "between" | "cellStart" | "string" | "escape" | "unicode" | "literal" | "afterCell" | "done";

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
const LITERAL = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/;
const HEX = /^[0-9a-fA-F]$/;

const isSpace = (ch: string) => ch === " " || ch === "\n" || ch === "\r" || ch === "\t";

export function createJsonReader(): RecordReader {
  let state: State = "start";
  let line = 1;
  let row = 0;
  let rowLine = 0;
  let rowChars = 0;
  let cells: string[] = [];
  let cell = "";
  let unicode = "";
  // Between rows: whether a row may start here (after "[" or ","), and whether a "," came last.
  let mayStartRow = true;
  let afterComma = false;

  const malformed = () => new KlineFileError("KLINE_JSON_MALFORMED", line);

  function endCell(): void {
    if (state === "literal" && !LITERAL.test(cell)) throw malformed();
    cells.push(cell);
    cell = "";
    state = "afterCell";
  }

  function outside(ch: string): void {
    if (isSpace(ch)) return;
    if (state === "start") {
      if (ch !== "[") throw malformed();
      state = "between";
    } else if (state === "done") {
      throw malformed();
    } else if (ch === "[" && mayStartRow) {
      row += 1;
      rowLine = line;
      rowChars = 0;
      cells = [];
      afterComma = false;
      state = "cellStart";
    } else if (ch === "," && !mayStartRow) {
      mayStartRow = true;
      afterComma = true;
    } else if (ch === "]" && !afterComma) {
      state = "done";
    } else throw malformed();
  }

  function inRow(ch: string, out: KlineRecord[]): void {
    rowChars += 1;
    if (rowChars > MAX_RECORD_CHARS) throw new KlineFileError("KLINE_LINE_TOO_LONG", rowLine);
    switch (state) {
      case "cellStart":
        if (isSpace(ch)) return;
        if (ch === '"') state = "string";
        else if (ch === "]" && cells.length === 0 && !afterComma) closeRow(out);
        else if (ch === "," || ch === "]" || ch === "[" || ch === "{" || ch === "}") throw malformed();
        else {
          cell = ch;
          state = "literal";
        }
        return;
      case "string":
        if (ch === '"') endCell();
        else if (ch === "\\") state = "escape";
        else if (ch < " ") throw malformed();
        else cell += ch;
        return;
      case "escape":
        if (ch === "u") {
          unicode = "";
          state = "unicode";
        } else {
          const decoded = ESCAPES[ch];
          if (decoded === undefined) throw malformed();
          cell += decoded;
          state = "string";
        }
        return;
      case "unicode":
        if (!HEX.test(ch)) throw malformed();
        unicode += ch;
        if (unicode.length === 4) {
          cell += String.fromCharCode(Number.parseInt(unicode, 16));
          state = "string";
        }
        return;
      case "literal":
        if (ch === "," || ch === "]" || isSpace(ch)) {
          endCell();
          afterCell(ch, out);
        } else cell += ch;
        return;
      default:
        afterCell(ch, out);
    }
  }

  function afterCell(ch: string, out: KlineRecord[]): void {
    if (isSpace(ch)) return;
    if (ch === ",") {
      afterComma = true;
      state = "cellStart";
    } else if (ch === "]") closeRow(out);
    else throw malformed();
  }

  function closeRow(out: KlineRecord[]): void {
    out.push({ line: rowLine, row, cells });
    cells = [];
    mayStartRow = false;
    afterComma = false;
    state = "between";
  }

  return {
    feed(text) {
      const out: KlineRecord[] = [];
      for (const ch of text) {
        if (state === "start" || state === "between" || state === "done") outside(ch);
        else inRow(ch, out);
        if (ch === "\n") line += 1;
      }
      return out;
    },
    end() {
      if (state !== "done") throw malformed();
      return [];
    },
  };
}
