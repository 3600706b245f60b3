"use client";

import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { FormAlert } from "@/components/auth/form-parts";
import { ProgressBar } from "@/components/ui/progress-bar";
import { CANDLE_INTERVALS } from "@/domain/candles";
import type { ImportReport, UploadLine } from "@/domain/klines/import-report";
import { useTRPC } from "@/trpc/react";
import { buttonClass, quietButtonClass, Section } from "./section";
import { uploadKlines } from "./upload-klines";

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; sent: number; total: number }
  | { kind: "importing"; bytesRead: number; totalBytes: number; rows: number; startedMs: number }
  | { kind: "done"; report: ImportReport }
  | { kind: "failed"; message: string };

/** Bad rows shown here; the CLI's --json lists the report's whole list. */
const SHOWN_BAD_ROWS = 20;
const selectClass = "h-11 rounded-md border border-line bg-panel-2 px-3 text-base md:h-10 md:text-sm";

const count = (n: number) => n.toLocaleString("en-US");

function nextPhase(phase: Phase, line: UploadLine): Phase {
  switch (line.type) {
    case "started":
      return { kind: "importing", bytesRead: 0, totalBytes: line.totalBytes, rows: 0, startedMs: performance.now() };
    case "progress":
      return phase.kind === "importing" ? { ...phase, ...line, kind: "importing" } : phase;
    case "report":
      return { kind: "done", report: line.report };
    case "refused":
    case "error":
      return { kind: "failed", message: `${line.message} (${line.code})` };
  }
}

export function KlineImportSection() {
  const trpc = useTRPC();
  const markets = useQuery(trpc.market.list.queryOptions());
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);
  const isBusy = phase.kind === "uploading" || phase.kind === "importing";

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) return setPhase({ kind: "failed", message: "Choose a kline file first." });
    const controller = new AbortController();
    running.current = controller;
    setPhase({ kind: "uploading", sent: 0, total: file.size });
    try {
      const refusal = await uploadKlines(
        {
          file,
          market: String(data.get("market")),
          interval: String(data.get("interval")),
          skipBad: data.get("skipBad") === "on",
          round: data.get("round") === "on",
        },
        {
          onUploaded: (sent, total) => setPhase((p) => (p.kind === "uploading" ? { kind: "uploading", sent, total } : p)),
          onLine: (line) => setPhase((p) => nextPhase(p, line)),
        },
        controller.signal,
      );
      if (refusal) setPhase({ kind: "failed", message: refusal.message });
      else
        setPhase((p) =>
          p.kind === "done" || p.kind === "failed" ? p : { kind: "failed", message: "The import ended without a report." },
        );
    } catch (error) {
      const isStopped = error instanceof DOMException && error.name === "AbortError";
      const message = isStopped ? "Stopped: nothing was written." : error instanceof Error ? error.message : String(error);
      setPhase({ kind: "failed", message });
    } finally {
      running.current = null;
    }
  };

  return (
    <Section id="admin-kline-import" title="Import price history">
      <p className="text-sm text-muted">
        Binance kline files: a daily or monthly <code>.zip</code>, its <code>.csv</code>, or the REST endpoint&apos;s JSON. One
        file is one transaction: by default one bad row refuses the file and nothing is written; rows already stored are left as
        they are. Keep this page open until the report appears. The rules are in docs/research.md.
      </p>
      <form onSubmit={onSubmit} aria-label="Import a kline file" className="flex flex-col gap-3">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <label className="flex flex-col gap-1.5 text-sm font-medium">
            Market
            <select name="market" required className={selectClass} disabled={isBusy}>
              {markets.data?.map((m) => (
                <option key={m.symbol} value={m.symbol}>
                  {m.symbol}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1.5 text-sm font-medium">
            Interval of the file
            <select name="interval" defaultValue="1m" className={selectClass} disabled={isBusy}>
              {CANDLE_INTERVALS.map((interval) => (
                <option key={interval} value={interval}>
                  {interval}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1.5 text-sm font-medium">
            File
            <input
              name="file"
              type="file"
              accept=".csv,.zip,.json,text/csv,application/zip,application/json"
              data-testid="kline-file"
              disabled={isBusy}
              className="text-sm file:mr-3 file:rounded-md file:border file:border-line file:bg-panel-2 file:px-3 file:py-2 file:text-fg"
            />
          </label>
        </div>
        <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="skipBad" disabled={isBusy} /> Import the valid rows and list the bad ones
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="round" disabled={isBusy} /> Round off-tick prices to the nearest tick
          </label>
        </div>
        <div className="flex gap-3">
          <button type="submit" disabled={isBusy || !markets.data?.length} className={buttonClass}>
            {isBusy ? "Importing…" : "Upload and import"}
          </button>
          {isBusy && (
            <button type="button" onClick={() => running.current?.abort()} className={quietButtonClass}>
              Stop
            </button>
          )}
        </div>
      </form>
      <ImportStatus phase={phase} />
    </Section>
  );
}

function ImportStatus({ phase }: { phase: Phase }) {
  switch (phase.kind) {
    case "idle":
      return null;
    case "uploading":
      return (
        <ProgressBar
          label={`Uploading ${count(phase.sent)} of ${count(phase.total)} bytes`}
          done={phase.sent}
          total={phase.total}
        />
      );
    case "importing": {
      const seconds = (performance.now() - phase.startedMs) / 1000;
      const rate = seconds > 0.5 ? ` · ${count(Math.round(phase.rows / seconds))} rows/s` : "";
      return (
        <ProgressBar label={`Importing: ${count(phase.rows)} rows${rate}`} done={phase.bytesRead} total={phase.totalBytes} />
      );
    }
    case "failed":
      return <FormAlert>{phase.message}</FormAlert>;
    case "done":
      return <ImportReportView report={phase.report} />;
  }
}

function ImportReportView({ report }: { report: ImportReport }) {
  const seconds = report.elapsedMs / 1000;
  const isImported = report.status === "imported";
  return (
    <div data-testid="kline-import-report" className="flex flex-col gap-3">
      <FormAlert tone={isImported ? "success" : "error"}>
        {isImported
          ? `Imported ${report.fileName} into ${report.market} ${report.interval} as “${report.source}”: ${count(report.inserted)} new candles, ${count(report.duplicates)} already stored${report.differing > 0 ? ` (${count(report.differing)} with other values, kept)` : ""}, ${count(report.bad)} bad rows skipped; ${count(report.rows)} rows in ${seconds.toFixed(1)} s (${count(Math.round(report.rows / Math.max(seconds, 0.001)))} rows/s).`
          : `Refused ${report.fileName}: nothing was written. ${report.fileIssue ? report.fileIssue.message : `${count(report.bad)} of ${count(report.rows)} rows are bad.`}`}
      </FormAlert>
      {report.badRows.length > 0 && (
        <table className="w-full text-left text-sm">
          <caption className="mb-1 text-left text-muted">
            Bad rows{report.bad > SHOWN_BAD_ROWS ? ` (first ${SHOWN_BAD_ROWS} of ${count(report.bad)})` : ""}
          </caption>
          <thead className="text-muted">
            <tr>
              <th className="py-1 pr-3 font-normal">Line</th>
              <th className="py-1 pr-3 font-normal">Problem</th>
              <th className="py-1 font-normal">Value</th>
            </tr>
          </thead>
          <tbody>
            {report.badRows.slice(0, SHOWN_BAD_ROWS).map((row) => (
              <tr key={row.line} className="border-t border-line">
                <td className="py-1 pr-3 tabular-nums">{row.line}</td>
                <td className="py-1 pr-3">{row.message}</td>
                <td className="py-1 font-mono text-xs">{row.column ? `${row.column}: ${row.value ?? ""}` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
