import http from "node:http";

/**
 * The load generator's HTTP: node:http with keep-alive agents, one socket per simulated client
 * (maxSockets = clients), bodies read as text. Deliberately small: everything it costs is spent in
 * the load generator's process and so is the same for the case and its baseline.
 */

export interface HttpResponse {
  status: number;
  body: string;
}

export interface HttpRequest {
  method: "GET" | "POST" | "DELETE";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** No answer within this is an error: a stuck request must not hold a case past its bounds. */
const REQUEST_TIMEOUT_MS = 15_000;

export function createAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export class HttpTarget {
  readonly host: string;
  readonly port: number;

  constructor(
    readonly baseUrl: string,
    readonly agent: http.Agent,
  ) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
  }

  withAgent(agent: http.Agent): HttpTarget {
    return new HttpTarget(this.baseUrl, agent);
  }

  send(request: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(Buffer.byteLength(request.body));
    }
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: this.host, port: this.port, method: request.method, path: request.path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      req.on("error", reject);
      req.end(request.body);
    });
  }

  /** The body of a 2xx answer; anything else is an error naming the status and the start of the body. */
  async ok(request: HttpRequest): Promise<string> {
    const response = await this.send(request);
    if (response.status < 200 || response.status > 299) {
      throw new Error(`${request.method} ${request.path.split("?")[0]} → ${response.status}: ${response.body.slice(0, 200)}`);
    }
    return response.body;
  }
}
