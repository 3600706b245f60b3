import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { DomainError, isDomainError } from "@/domain/errors";
import { ipLiteralHost, parseHttpUrl } from "@/domain/news/urls";
import { isPublicAddress } from "./public-address";

export interface FeedFetchLimits {
  /** For the whole fetch: every redirect hop, DNS, connect, headers and body together. */
  timeoutMs: number;
  /** Of the body as decoded (after gzip), so a small compressed bomb is cut like a large body. */
  maxBytes: number;
  maxRedirects: number;
  /** Lets tests (and intranet deployments) fetch from loopback and private addresses. */
  allowPrivateHosts: boolean;
}

export interface FeedValidators {
  etag: string | null;
  lastModified: string | null;
}

export type FeedAnswer =
  | { status: "not-modified" }
  | { status: "fetched"; body: string; finalUrl: string; validators: FeedValidators };

/**
 * Validators worth storing and sending back: printable ASCII (what Node accepts in a request
 * header; a response may carry more) and not absurdly long.
 */
const VALIDATOR = /^[\x21-\x7e][\x20-\x7e]{0,511}$/;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const HEADERS = {
  "user-agent": "Bourse news poller",
  accept:
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1",
  "accept-encoding": "gzip, deflate, br",
};

/**
 * GETs a feed with a conditional request, following at most `maxRedirects` redirects. Every
 * failure is a DomainError with a NEWS_FEED_* code the source records. Hosts are checked where
 * the connection is made: names through the socket's own DNS lookup (so a name cannot resolve to
 * a public address when checked and a private one when used), IP literals before connecting.
 */
export async function fetchFeed(url: string, validators: FeedValidators, limits: FeedFetchLimits): Promise<FeedAnswer> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let target = url;
  for (let redirects = 0; ; redirects++) {
    const hop = await requestOnce(target, validators, limits, signal);
    if (hop.kind === "answer") return hop.answer;
    if (redirects >= limits.maxRedirects) {
      throw new DomainError("NEWS_FEED_REDIRECTS", `The feed redirected more than ${limits.maxRedirects} times.`);
    }
    target = hop.location;
  }
}

type Hop = { kind: "answer"; answer: FeedAnswer } | { kind: "redirect"; location: string };

function requestOnce(target: string, validators: FeedValidators, limits: FeedFetchLimits, signal: AbortSignal): Promise<Hop> {
  const url = parseHttpUrl(target);
  if (!url) throw badRedirect();
  const literal = ipLiteralHost(url);
  if (literal !== null && !limits.allowPrivateHosts && !isPublicAddress(literal)) throw hostRefused(url.hostname);
  if (signal.aborted) throw timedOut(limits.timeoutMs);

  return new Promise<Hop>((resolve, reject) => {
    let isSettled = false;
    const settle = (outcome: { hop: Hop } | { error: unknown }) => {
      if (isSettled) return;
      isSettled = true;
      signal.removeEventListener("abort", onAbort);
      if ("hop" in outcome) resolve(outcome.hop);
      else {
        request.destroy();
        reject(toFeedError(outcome.error, limits.timeoutMs));
      }
    };
    const onAbort = () => settle({ error: timedOut(limits.timeoutMs) });
    signal.addEventListener("abort", onAbort, { once: true });

    const client = url.protocol === "https:" ? https : http;
    const request = client.get(url, {
      headers: { ...HEADERS, ...conditionalHeaders(validators) },
      lookup: guardedLookup(limits.allowPrivateHosts),
      // A fresh connection per fetch: nothing pooled outlives the timeout or leaks between hosts.
      agent: false,
    });
    request.on("error", (error) => settle({ error }));
    request.on("response", (response) => {
      hopOf(response, url, limits.maxBytes).then(
        (hop) => settle({ hop }),
        (error: unknown) => settle({ error }),
      );
    });
  });
}

/** What one answer means: a redirect to follow, a 304, a body, or an error status. */
async function hopOf(response: http.IncomingMessage, url: URL, maxBytes: number): Promise<Hop> {
  const status = response.statusCode ?? 0;
  if (status >= 200 && status <= 299) {
    const body = await readBody(response, maxBytes);
    return { kind: "answer", answer: { status: "fetched", body, finalUrl: url.href, validators: validatorsOf(response) } };
  }
  response.destroy();
  if (status === 304) return { kind: "answer", answer: { status: "not-modified" } };
  const location = REDIRECTS.has(status) && response.headers.location ? URL.parse(response.headers.location, url) : null;
  if (location) return { kind: "redirect", location: location.href };
  if (REDIRECTS.has(status) && response.headers.location) throw badRedirect();
  throw new DomainError("NEWS_FEED_HTTP_ERROR", `The feed answered HTTP ${status}.`);
}

function conditionalHeaders(validators: FeedValidators): Record<string, string> {
  const headers: Record<string, string> = {};
  if (validators.etag) headers["if-none-match"] = validators.etag;
  if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
  return headers;
}

function validatorsOf(response: http.IncomingMessage): FeedValidators {
  const keep = (value: string | undefined) => (value && VALIDATOR.test(value) ? value : null);
  return { etag: keep(response.headers.etag), lastModified: keep(response.headers["last-modified"]) };
}

/** Resolves like the socket would, then refuses the whole answer if any address is not public. */
function guardedLookup(allowPrivateHosts: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      if (!allowPrivateHosts && addresses.some((a) => !isPublicAddress(a.address))) {
        return callback(hostRefused(hostname), "", 0);
      }
      const [first] = addresses;
      if (options.all) return callback(null, addresses);
      if (!first) return callback(new DomainError("NEWS_FEED_UNREACHABLE", `${hostname} has no address.`), "", 0);
      callback(null, first.address, first.family);
    });
  };
}

/** The decoded body as text, refused as soon as it passes maxBytes (a Content-Length that says so is refused at once). */
function readBody(response: http.IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.reject(tooLarge(maxBytes));
  }
  const stream = decoded(response);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    stream.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        response.destroy();
        stream.destroy();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    stream.on("error", reject);
    stream.on("end", () => resolve(decodeText(Buffer.concat(chunks), response.headers["content-type"])));
  });
}

function decoded(response: http.IncomingMessage): Readable {
  const encoding = (response.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? zlib.createGunzip()
      : encoding === "deflate"
        ? zlib.createInflate()
        : encoding === "br"
          ? zlib.createBrotliDecompress()
          : null;
  if (!decoder) return response;
  response.on("error", (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

/** UTF-8 unless the server names another charset the platform knows. */
function decodeText(bytes: Buffer, contentType: string | undefined): string {
  const charset = /charset="?([\w-]+)"?/i.exec(contentType ?? "")?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function toFeedError(error: unknown, timeoutMs: number): DomainError {
  if (isDomainError(error)) return error;
  const code = (error as { code?: unknown }).code;
  if (code === "ABORT_ERR") return timedOut(timeoutMs);
  if (typeof code === "string" && code.startsWith("Z_")) {
    return new DomainError("NEWS_FEED_MALFORMED", "The feed's compressed body is corrupt.");
  }
  const reason = typeof code === "string" ? code : error instanceof Error ? error.message : "unknown error";
  return new DomainError("NEWS_FEED_UNREACHABLE", `The feed's server could not be reached (${reason}).`);
}

const timedOut = (timeoutMs: number) => new DomainError("NEWS_FEED_TIMEOUT", `The feed did not answer within ${timeoutMs} ms.`);
const tooLarge = (maxBytes: number) => new DomainError("NEWS_FEED_TOO_LARGE", `The feed is larger than ${maxBytes} bytes.`);
const badRedirect = () => new DomainError("NEWS_URL_INVALID", "The feed redirected to an address that is not http(s).");
const hostRefused = (host: string) =>
  new DomainError("NEWS_FEED_HOST_REFUSED", `The feed's host ${host} is a private or local address.`);
