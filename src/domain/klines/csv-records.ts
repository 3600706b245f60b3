/**
 * Binance's kline CSV: comma-separated, no quoting, LF or CRLF line ends, blank lines ignored.
 * The monthly spot files have no header; the futures files (and files saved by other tools) have
 * one. The first non-blank line is a header when its first cell is a name rather than a number;
 * any later line that is not numbers is a bad row like any other.
 */
import { KlineFileError } from "./issues";
import { type KlineRecord, MAX_RECORD_CHARS, type RecordReader } from "./records";

const HEADER_FIRST_CELL = /^[A-Za-z][A-Za-z _]*$/;

export function isHeaderLine(line: string): boolean {
  return HEADER_FIRST_CELL.test(line.split(",", 1)[0]?.trim() ?? "");
}

export function splitCsvLine(line: string): string[] {
  return (line.endsWith("\r") ? line.slice(0, -1) : line).split(",");
}

export function createCsvReader(): RecordReader {
  let pending = "";
  let line = 0;
  let row = 0;
  let seenContent = false;

  const take = (text: string, out: KlineRecord[]) => {
    line += 1;
    if (text.length > MAX_RECORD_CHARS) throw new KlineFileError("KLINE_LINE_TOO_LONG", line);
    if (text.trim() === "") return;
    const isFirst = !seenContent;
    seenContent = true;
    if (isFirst && isHeaderLine(text)) return;
    row += 1;
    out.push({ line, row, cells: splitCsvLine(text) });
  };

  return {
    feed(text) {
      const out: KlineRecord[] = [];
      let start = 0;
      for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
        take(pending + text.slice(start, end), out);
        pending = "";
        start = end + 1;
      }
      pending += text.slice(start);
      // A line with no end in sight is refused before it can fill the memory.
      if (pending.length > MAX_RECORD_CHARS) throw new KlineFileError("KLINE_LINE_TOO_LONG", line + 1);
      return out;
    },
    end() {
      const out: KlineRecord[] = [];
      if (pending !== "") take(pending, out);
      pending = "";
      return out;
    },
  };
}
