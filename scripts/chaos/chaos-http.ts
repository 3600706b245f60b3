import http from "node:http";

/**
 * HTTP as a client under faults sees it. What matters is not only the status but whether the
 * request could have run: "not-delivered" (the connection was refused, so the server never saw
 * it) is safe to send again as it is; "no-answer" (reset, hang up, timeout after sending) may or
 * may not have run, which is exactly what clientOrderId retries exist for.
 */
export type Delivery =
  | { kind: "answered"; status: number; headers: http.IncomingHttpHeaders; body: string; ms: number }
  | { kind: "not-delivered"; ms: number }
  | { kind: "no-answer"; reason: string; ms: number };

export interface ChaosRequest {
  method: "GET" | "POST" | "DELETE" | "PATCH";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Longer than any bound the server promises: past it, the request counts as hanging. */
export const HANG_MS = 15_000;

export const keepAliveAgent = () => new http.Agent({ keepAlive: true, maxSockets: 4 });

export function send(baseUrl: string, agent: http.Agent, request: ChaosRequest): Promise<Delivery> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined) {
    headers["content-type"] ??= "application/json";
    headers["content-length"] = String(Buffer.byteLength(request.body));
  }
  const started = performance.now();
  const ms = () => performance.now() - started;
  return new Promise((resolve) => {
    let isSettled = false;
    const settle = (delivery: Delivery) => {
      if (isSettled) return;
      isSettled = true;
      resolve(delivery);
    };
    const req = http.request(
      { host: url.hostname, port: Number(url.port), method: request.method, path: request.path, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          settle({
            kind: "answered",
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: ms(),
          }),
        );
        res.on("error", (error) => settle({ kind: "no-answer", reason: error.message, ms: ms() }));
      },
    );
    req.setTimeout(HANG_MS, () => req.destroy(new Error(`no answer within ${HANG_MS} ms`)));
    req.on("error", (error: NodeJS.ErrnoException) => {
      settle(
        error.code === "ECONNREFUSED"
          ? { kind: "not-delivered", ms: ms() }
          : { kind: "no-answer", reason: error.message, ms: ms() },
      );
    });
    req.end(request.body);
  });
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export type Protocol = "trpc" | "rest";

/**
 * The stable error code of an answer, read only where the protocol documents it: tRPC's
 * `{ error: { data: { domainCode } } }`, REST's `{ code, message, data: { domainCode } }`.
 * An answer in the other shape has no code, so a drifted body shape shows up as a failure.
 */
export function domainCodeOf(protocol: Protocol, body: string): string | undefined {
  const parsed = parseJson(body);
  const error = protocol === "trpc" ? (isRecord(parsed) ? parsed.error : undefined) : parsed;
  const data = isRecord(error) ? error.data : undefined;
  return isRecord(data) && typeof data.domainCode === "string" ? data.domainCode : undefined;
}
