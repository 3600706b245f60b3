import { describe, expect, it } from "vitest";
import { renderDocsPage } from "./docs-page";
import { getOpenApiDocument, REST_BASE_PATH } from "./openapi";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every "$ref" anywhere in the document, with where it was found. */
function collectRefs(node: unknown, at: string, found: { ref: string; at: string }[] = []) {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) collectRefs(child, `${at}/${i}`, found);
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") found.push({ ref: value, at });
      else collectRefs(value, `${at}/${key}`, found);
    }
  }
  return found;
}

/** Resolves a local JSON pointer ("#/components/schemas/x"), or undefined. */
function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), document);
}

function operations(document: Json) {
  const paths = isObject(document.paths) ? document.paths : {};
  return Object.entries(paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = isObject(item) ? item[method] : undefined;
      return isObject(operation) ? [{ path, method, operation }] : [];
    }),
  );
}

describe("[REST] the OpenAPI document", () => {
  const document = getOpenApiDocument() as unknown as Json;

  it("is OpenAPI 3.x with info, a server and the bearer scheme", () => {
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(document.servers).toEqual([{ url: REST_BASE_PATH }]);
    expect(resolvePointer(document, "#/components/securitySchemes/bearerAuth")).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("gives every operation a unique operationId, a 200 JSON schema and its path parameters", () => {
    const ops = operations(document);
    expect(ops.length).toBeGreaterThanOrEqual(18);
    const ids = ops.map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === "string" && /^[a-zA-Z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, operation } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      const ok = isObject(operation.responses) ? operation.responses["200"] : undefined;
      expect(resolvePointer(ok, "#/content/application~1json/schema"), where).toBeDefined();
      const declared = (Array.isArray(operation.parameters) ? operation.parameters : []).filter(isObject);
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        expect(
          declared.find((p) => p.name === name && p.in === "path" && p.required === true),
          `${where} declares ${name}`,
        ).toBeDefined();
      }
      for (const requirement of Array.isArray(operation.security) ? operation.security : []) {
        for (const scheme of Object.keys(requirement as Json))
          expect(resolvePointer(document, `#/components/securitySchemes/${scheme}`), where).toBeDefined();
        expect(isObject(operation.responses) && operation.responses["401"], `${where} documents 401`).toBeTruthy();
      }
    }
  });

  it("resolves every $ref inside the document", () => {
    const refs = collectRefs(document, "#");
    expect(refs.length).toBeGreaterThan(0);
    for (const { ref, at } of refs) expect(resolvePointer(document, ref), `${ref} at ${at}`).toBeDefined();
  });

  it("covers what exchange clients need, public and private", () => {
    const routes = operations(document).map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    for (const route of [
      "GET /time",
      "GET /exchange-info",
      "GET /markets/{symbol}/depth",
      "GET /markets/{symbol}/klines",
      "GET /account/balances",
      "POST /orders",
      "GET /orders/by-client-id/{clientOrderId}",
      "DELETE /orders/{orderId}",
      "GET /account/trades",
    ])
      expect(routes).toContain(route);
    const klines = operations(document).find((o) => o.path === "/markets/{symbol}/klines")?.operation;
    const names = (Array.isArray(klines?.parameters) ? klines.parameters : []).filter(isObject).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["interval", "startTime", "endTime", "limit"]));
  });

  it("renders a self-contained docs page listing every operation", () => {
    const html = renderDocsPage(getOpenApiDocument(), REST_BASE_PATH);
    for (const { operation } of operations(document)) expect(html).toContain(`id="${String(operation.operationId)}"`);
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});
