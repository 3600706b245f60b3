import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCsvReader, isHeaderLine } from "./csv-records";
import { createFileRecordReader } from "./file-records";
import { KlineFileError } from "./issues";
import { createJsonReader } from "./json-records";
import { MAX_RECORD_CHARS, type RecordReader } from "./records";

/** Feeds `text` cut at `cuts` (positions), as a stream would deliver it. */
function readAll(reader: RecordReader, text: string, cuts: number[] = []) {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const records = [];
  let start = 0;
  for (const point of [...points, text.length]) {
    records.push(...reader.feed(text.slice(start, point)));
    start = point;
  }
  records.push(...reader.end());
  return records;
}

const fileErrorOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof KlineFileError) return [error.code, error.line];
    throw error;
  }
  return null;
};

const ROW = "1704067200000,42283.58,42298.62,42261.02,42298.61,35.927,1704067259999,1519215.01,1327,22.27,941890.44,0";
const HEADER =
  "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore";

describe("[KLINES] CSV rows", () => {
  it("skips a header on the first line only, blank lines, and CR of CRLF", () => {
    const records = readAll(createCsvReader(), `${HEADER}\r\n${ROW}\r\n\r\n${ROW}\r\n`);
    expect(records.map((r) => [r.line, r.row, r.cells.length, r.cells[11]])).toEqual([
      [2, 1, 12, "0"],
      [4, 2, 12, "0"],
    ]);
    const later = readAll(createCsvReader(), `${ROW}\n${HEADER}\n`);
    expect(later.map((r) => r.cells[0])).toEqual(["1704067200000", "open_time"]);
  });

  it("tells a header from a row by its first cell", () => {
    expect(isHeaderLine(HEADER)).toBe(true);
    expect(isHeaderLine("Open time,Open,High")).toBe(true);
    expect(isHeaderLine(ROW)).toBe(false);
    expect(isHeaderLine("-1,2")).toBe(false);
    expect(isHeaderLine("")).toBe(false);
  });

  it("reads a last line with no newline", () => {
    expect(readAll(createCsvReader(), `${ROW}\n${ROW}`)).toHaveLength(2);
  });

  it("gives the same rows however the text is cut", () => {
    const text = `${HEADER}\n${ROW}\r\n\n${ROW}\n${ROW}`;
    const whole = readAll(createCsvReader(), text);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
        expect(readAll(createCsvReader(), text, cuts)).toEqual(whole);
      }),
    );
  });

  it("refuses a line longer than any kline, also before it ends", () => {
    expect(fileErrorOf(() => readAll(createCsvReader(), `${ROW}\n${"1".repeat(MAX_RECORD_CHARS + 1)}\n`))).toEqual([
      "KLINE_LINE_TOO_LONG",
      2,
    ]);
    const reader = createCsvReader();
    expect(fileErrorOf(() => reader.feed("9".repeat(MAX_RECORD_CHARS + 1)))).toEqual(["KLINE_LINE_TOO_LONG", 1]);
  });
});

const JSON_ROW =
  '[1499040000000,"0.01634790","0.80000000","0.01575800","0.01577100","148976.11427815",1499644799999,"2434.19055334",308,"1756.87402397","28.46694368","0"]';

describe("[KLINES] JSON rows", () => {
  it("reads the REST response's array of arrays, keeping every cell's literal text", () => {
    const records = readAll(createJsonReader(), `[\n  ${JSON_ROW},\n  ${JSON_ROW}\n]\n`);
    expect(records.map((r) => [r.line, r.row])).toEqual([
      [2, 1],
      [3, 2],
    ]);
    expect(records[0]?.cells).toEqual(JSON.parse(JSON_ROW).map(String));
    expect(readAll(createJsonReader(), "[]")).toEqual([]);
  });

  it("keeps numbers as written, never through a JS number", () => {
    const [record] = readAll(createJsonReader(), "[[1499040000000123, 0.1000000000000000055511, -1, true, null, 1e3]]");
    expect(record?.cells).toEqual(["1499040000000123", "0.1000000000000000055511", "-1", "true", "null", "1e3"]);
  });

  it("decodes string escapes", () => {
    const [record] = readAll(createJsonReader(), String.raw`[["a\"b", "\u0041\n", "\/"]]`);
    expect(record?.cells).toEqual(['a"b', "A\n", "/"]);
  });

  it("gives the same rows however the text is cut", () => {
    const text = `[${JSON_ROW},\n${JSON_ROW} , [ "1" , 2 ]]`;
    const whole = readAll(createJsonReader(), text);
    expect(whole).toHaveLength(3);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
        expect(readAll(createJsonReader(), text, cuts)).toEqual(whole);
      }),
    );
  });

  it("passes an empty row on for the column check", () => {
    expect(readAll(createJsonReader(), "[[]]").map((r) => r.cells)).toEqual([[]]);
  });

  it("refuses anything that is not an array of flat arrays, with the line it stopped at", () => {
    const cases: [string, number][] = [
      ["{}", 1],
      [`[${JSON_ROW},]`, 1],
      [`[${JSON_ROW}\n${JSON_ROW}]`, 2],
      ["[,[1]]", 1],
      ["[[1,]]", 1],
      ["[[1,,2]]", 1],
      ["[[[1]]]", 1],
      ['[[{"a":1}]]', 1],
      ["[[1]] x", 1],
      ['[["a\nb"]]', 1],
      ['[["\\x"]]', 1],
      ['[["\\u00zz"]]', 1],
      ["[[01x]]", 1],
      ["[[1 2]]", 1],
      ["[\n[1]", 2],
      ['[["open', 1],
    ];
    for (const [text, line] of cases)
      expect([text, fileErrorOf(() => readAll(createJsonReader(), text))]).toEqual([text, ["KLINE_JSON_MALFORMED", line]]);
  });

  it("refuses a row longer than any kline", () => {
    const text = `[[${'"1",'.repeat(MAX_RECORD_CHARS)}"1"]]`;
    expect(fileErrorOf(() => readAll(createJsonReader(), text))).toEqual(["KLINE_LINE_TOO_LONG", 1]);
  });
});

describe("[KLINES] format by the first character", () => {
  it("reads JSON after whitespace and a byte-order mark, CSV otherwise", () => {
    const json = createFileRecordReader();
    expect(json.feed("\uFEFF  \n")).toEqual([]);
    expect(json.format()).toBeNull();
    expect(json.feed(`[${JSON_ROW}]`).map((r) => r.line)).toEqual([2]);
    expect(json.end()).toEqual([]);
    expect(json.format()).toBe("json");

    const csv = createFileRecordReader();
    expect(readAll(csv, `\uFEFF${HEADER}\n${ROW}\n`).map((r) => [r.line, r.cells[0]])).toEqual([[2, "1704067200000"]]);
    expect(csv.format()).toBe("csv");
    expect(readAll(createFileRecordReader(), "")).toEqual([]);
  });
});
