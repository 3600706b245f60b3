import http from "node:http";
import { sleep } from "./timing";

/**
 * An SSE subscriber that behaves like a well-written bot: it keeps the id of the last message,
 * and whenever the stream ends (its instance died, was restarted, or a load balancer moved it) it
 * reconnects, to whichever instance `target` names now, with `Last-Event-ID`, backing off from
 * 100 ms to 1 s. Every message is kept, so the suite can look for gaps and repeats.
 */
export interface Message {
  id: string;
  data: string;
}

const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 1_000;

export class ResumingSubscriber {
  readonly messages: Message[] = [];
  connections = 0;
  private lastId: string | null = null;
  private isOpen = true;
  private request: http.ClientRequest | null = null;
  private readonly running: Promise<void>;

  constructor(
    private readonly path: string,
    private readonly target: () => string,
    private readonly headers: Record<string, string> = {},
  ) {
    this.running = this.run();
  }

  close(): Promise<void> {
    this.isOpen = false;
    this.request?.destroy();
    return this.running;
  }

  private async run(): Promise<void> {
    let backoff = MIN_BACKOFF_MS;
    while (this.isOpen) {
      const received = await this.connectOnce();
      if (!this.isOpen) return;
      backoff = received > 0 ? MIN_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, backoff * 2);
      await sleep(backoff);
    }
  }

  /** One connection, until it ends; resolves with how many messages it brought. */
  private connectOnce(): Promise<number> {
    const url = new URL(this.path, this.target());
    const headers: Record<string, string> = { accept: "text/event-stream", ...this.headers };
    if (this.lastId !== null) headers["last-event-id"] = this.lastId;
    return new Promise((resolve) => {
      let count = 0;
      const finish = () => resolve(count);
      const request = http.get(url, { agent: false, headers }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          res.on("end", finish);
          return;
        }
        this.connections++;
        res.setEncoding("utf8");
        let buffer = "";
        res.on("data", (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
            const message = parseFrame(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (!message) continue;
            count++;
            this.lastId = message.id;
            this.messages.push(message);
          }
        });
        res.on("end", finish);
        res.on("error", finish);
        res.on("close", finish);
      });
      this.request = request;
      request.on("error", finish);
    });
  }
}

/** A plain message with an id; named events (tRPC's connected, ping, return) and comments are not. */
function parseFrame(frame: string): Message | null {
  let id: string | null = null;
  let data: string | null = null;
  for (const line of frame.split("\n")) {
    if (line.startsWith("event:")) return null;
    if (line.startsWith("id:")) id = line.slice(line[3] === " " ? 4 : 3);
    if (line.startsWith("data:")) {
      const value = line.slice(line[5] === " " ? 6 : 5);
      data = data === null ? value : `${data}\n${value}`;
    }
  }
  return id !== null && data !== null ? { id, data } : null;
}
