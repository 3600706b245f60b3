import type { UploadLine } from "@/domain/klines/import-report";

export interface UploadRequest {
  file: File;
  market: string;
  interval: string;
  skipBad: boolean;
  round: boolean;
}

export interface UploadCallbacks {
  /** Bytes of the file sent so far (the browser's own count). */
  onUploaded: (sent: number, total: number) => void;
  onLine: (line: UploadLine) => void;
}

/** What the upload answered before streaming (a refusal: 4xx/5xx with the REST error shape). */
export interface UploadRefusal {
  status: number;
  message: string;
}

/**
 * Sends the file to /api/admin/kline-imports and hands over each line of the streamed answer as
 * it arrives. XMLHttpRequest, not fetch: only it reports upload progress, and a year of candles
 * is tens of megabytes. Resolves when the answer ends; aborting the signal stops the import.
 */
export function uploadKlines(
  request: UploadRequest,
  callbacks: UploadCallbacks,
  signal: AbortSignal,
): Promise<UploadRefusal | null> {
  const query = new URLSearchParams({
    market: request.market,
    interval: request.interval,
    name: request.file.name,
    skipBad: String(request.skipBad),
    round: String(request.round),
  });
  const xhr = new XMLHttpRequest();
  let consumed = 0;
  const readLines = () => {
    if (xhr.status !== 200) return;
    const text = xhr.responseText;
    const end = text.lastIndexOf("\n") + 1;
    for (const line of text.slice(consumed, end).split("\n")) if (line) callbacks.onLine(JSON.parse(line) as UploadLine);
    consumed = Math.max(consumed, end);
  };
  return new Promise((resolve, reject) => {
    xhr.open("POST", `/api/admin/kline-imports?${query}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (event) => callbacks.onUploaded(event.loaded, event.total);
    xhr.onprogress = readLines;
    xhr.onload = () => {
      if (xhr.status === 200) {
        readLines();
        return resolve(null);
      }
      resolve({ status: xhr.status, message: refusalMessage(xhr.responseText) });
    };
    xhr.onerror = () => reject(new Error("The upload could not reach the server."));
    xhr.onabort = () => reject(new DOMException("The upload was stopped.", "AbortError"));
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(request.file);
  });
}

function refusalMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === "string") return parsed.message;
  } catch {
    // Not our error shape (a proxy's page): say so plainly below.
  }
  return "The server refused the upload.";
}
