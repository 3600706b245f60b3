import http from "node:http";

/**
 * A minimal SSE reader over raw http.get, so a thousand subscribers cost the load generator
 * little: frames are split on blank lines, and only the data of plain messages is passed on
 * (tRPC's `connected` and `ping` events are named events and skipped).
 */
export interface SseSubscriber {
  /** Resolves at the first message (Bourse's snapshot, the raw server's hello). */
  readonly ready: Promise<void>;
  close(): void;
}

export function openSse(url: string, onMessage: (data: string, receivedAtMs: number) => void): SseSubscriber {
  let markReady: () => void = () => {};
  let fail: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    fail = reject;
  });
  let isReady = false;
  const request = http.get(url, { agent: false, headers: { accept: "text/event-stream" } }, (res) => {
    if (res.statusCode !== 200) {
      fail(new Error(`SSE ${url.split("?")[0]} → ${res.statusCode}`));
      res.resume();
      return;
    }
    // Closing a stream on purpose aborts the response; that is not a failure.
    res.on("error", () => {});
    res.setEncoding("utf8");
    let buffer = "";
    res.on("data", (chunk: string) => {
      const receivedAtMs = Date.now();
      buffer += chunk;
      for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
        const data = messageData(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (data === null) continue;
        if (!isReady) {
          isReady = true;
          markReady();
        }
        onMessage(data, receivedAtMs);
      }
    });
  });
  request.on("error", (error) => fail(error));
  return { ready, close: () => request.destroy() };
}

/** The data of an unnamed event, or null for named events, comments and empty frames. */
function messageData(frame: string): string | null {
  let data: string | null = null;
  for (const line of frame.split("\n")) {
    if (line.startsWith("event:")) return null;
    if (line.startsWith("data:")) {
      const value = line.slice(line[5] === " " ? 6 : 5);
      data = data === null ? value : `${data}\n${value}`;
    }
  }
  return data;
}
