import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import { restOpenApiRouter } from "./router";

/** Where the REST API is mounted; the document's server URL is relative to the host serving it. */
export const REST_BASE_PATH = "/api/v1";

const DESCRIPTION = `Bourse's REST API, for clients in any language. TypeScript clients may prefer the typed SDK.

- Amounts are **decimal strings** ("12.50") at the asset's scale, never JSON numbers; times are ISO 8601, kline and backtest times epoch ms.
- Private routes take \`Authorization: Bearer <apiKey>\`; keys have scopes \`read\` and \`trade\`.
- Order statuses: NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED. A conditional order (stop, take-profit, trailing stop, OCO stop leg) waiting for its trigger is NEW with \`triggerStatus: PENDING\`; see docs/orders.md.
- Send a \`clientOrderId\` with every order and retry on timeouts: the same id and payload returns the original order.
- Rate limits: \`RateLimit-Limit\`, \`RateLimit-Remaining\`, \`RateLimit-Reset\` on counted responses; 429 with \`Retry-After\` (seconds) when over. The limits are listed by \`GET /exchange-info\`.
- Errors: \`{ code, message, data: { domainCode, details }, issues }\`; \`data.domainCode\` (e.g. INSUFFICIENT_FUNDS) is stable to switch on.
- Live streams (book diffs, trades, own orders) are served over tRPC subscriptions (SSE); see docs/api.md.`;

let cachedDocument: OpenAPIObject | undefined;

/** Generated once per process from the router: the procedures' zod schemas are the contract. */
export function getOpenApiDocument(): OpenAPIObject {
  cachedDocument ??= generateOpenApiDocument(restOpenApiRouter, {
    title: "Bourse REST API",
    description: DESCRIPTION,
    version: "1.0.0",
    baseUrl: REST_BASE_PATH,
    docsUrl: `${REST_BASE_PATH}/docs`,
    tags: ["Market data", "Account", "Orders", "News", "Backtests"],
    securitySchemes: {
      bearerAuth: { type: "http", scheme: "bearer", description: "An API key created at /keys: `bourse_…`." },
    },
  });
  return cachedDocument;
}
