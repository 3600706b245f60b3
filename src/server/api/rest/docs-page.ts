import type { OpenAPIObject } from "trpc-to-openapi";

/**
 * A self-contained reference page rendered from the OpenAPI document: no script, no CDN, so it
 * works on an offline instance and cannot drift from the document. Other tools (Swagger UI,
 * Redoc, code generators) can load /api/v1/openapi.json directly.
 */

type Json = Record<string, unknown>;
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

const escapeHtml = (text: unknown) =>
  String(text ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
/** Inline code spans only: the descriptions are ours, but still escaped first. */
const prose = (text: unknown) =>
  escapeHtml(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<b>$1</b>");

/** A one-line type for a JSON schema: `string`, `"BUY" | "SELL"`, `array of object`, … */
function typeOf(schema: unknown): string {
  if (!isObject(schema)) return "any";
  if (typeof schema.$ref === "string") return schema.$ref.split("/").pop() ?? "object";
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (Array.isArray(schema.anyOf)) return schema.anyOf.map(typeOf).join(" | ");
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  if (schema.type === "array") return `array of ${typeOf(schema.items)}`;
  return typeof schema.type === "string" ? schema.type : "object";
}

function fieldRows(schema: unknown): string {
  if (!isObject(schema) || !isObject(schema.properties)) return "";
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(schema.properties)
    .map(([name, field]) => {
      const detail = isObject(field) ? (field.description ?? field.pattern ?? "") : "";
      return `<tr><td><code>${escapeHtml(name)}</code>${required.has(name) ? " *" : ""}</td><td>${escapeHtml(typeOf(field))}</td><td>${prose(detail)}</td></tr>`;
    })
    .join("");
}

function parameters(operation: Json): string {
  const list = Array.isArray(operation.parameters) ? operation.parameters.filter(isObject) : [];
  if (list.length === 0) return "";
  const rows = list
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code>${p.required ? " *" : ""}</td><td>${escapeHtml(p.in)} · ${escapeHtml(typeOf(p.schema))}</td><td>${prose(p.description ?? (isObject(p.schema) ? p.schema.description : ""))}</td></tr>`,
    )
    .join("");
  return `<h4>Parameters</h4><table>${rows}</table>`;
}

function jsonSchemaOf(holder: unknown): unknown {
  if (!isObject(holder) || !isObject(holder.content)) return undefined;
  const json = holder.content["application/json"];
  return isObject(json) ? json.schema : undefined;
}

function operationHtml(method: string, path: string, operation: Json): string {
  const body = jsonSchemaOf(operation.requestBody);
  const responses = isObject(operation.responses) ? operation.responses : {};
  const success = jsonSchemaOf(responses["200"]);
  const successFields = fieldRows(isObject(success) && success.type === "array" ? success.items : success);
  const errors = Object.entries(responses)
    .filter(([status]) => status !== "200")
    .map(([status, r]) => `<li><b>${escapeHtml(status)}</b> ${prose(isObject(r) ? r.description : "")}</li>`)
    .join("");
  const secured = Array.isArray(operation.security) && operation.security.length > 0;
  return `<section id="${escapeHtml(operation.operationId)}">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>${secured ? ' <span class="lock">API key</span>' : ""}</h3>
<p>${prose(operation.summary)} · <code>${escapeHtml(operation.operationId)}</code></p>${operation.description ? `<p>${prose(operation.description)}</p>` : ""}
${parameters(operation)}${body ? `<h4>Body (JSON)</h4><table>${fieldRows(body)}</table>` : ""}
<h4>Response 200: ${escapeHtml(typeOf(success))}</h4>${successFields ? `<table>${successFields}</table>` : ""}
<details><summary>Full response schema</summary><pre>${escapeHtml(JSON.stringify(success, null, 2))}</pre></details>
<ul class="errors">${errors}</ul></section>`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b1f24;background:#fff}
@media (prefers-color-scheme:dark){body{color:#e6e6e6;background:#111}table td{border-color:#333}pre{background:#1c1c1c}}
code{font:13px ui-monospace,monospace}pre{background:#f4f4f4;padding:.5rem;overflow:auto;max-height:24rem}
table{border-collapse:collapse;width:100%;margin:.25rem 0}td{border-top:1px solid #ddd;padding:.25rem .5rem;vertical-align:top}
.m{font:bold 12px ui-monospace,monospace;padding:.1rem .4rem;border-radius:4px;color:#fff}.get{background:#2563eb}.post{background:#16a34a}
.patch{background:#b45309}.delete{background:#dc2626}.lock{font-size:12px;border:1px solid currentColor;border-radius:4px;padding:0 .3rem}
section{border-top:2px solid #8884;padding-top:.5rem;margin-top:1.5rem}.errors{font-size:13px}nav{display:flex;flex-wrap:wrap;gap:.25rem .75rem}`;

export function renderDocsPage(document: OpenAPIObject, basePath: string): string {
  const sections: string[] = [];
  const links: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation: unknown = (item as Json)[method];
      if (!isObject(operation)) continue;
      sections.push(operationHtml(method, path, operation));
      links.push(`<a href="#${escapeHtml(operation.operationId)}">${escapeHtml(operation.operationId)}</a>`);
    }
  }
  const description = (document.info.description ?? "")
    .split("\n")
    .map((line) => (line.startsWith("- ") ? `<li>${prose(line.slice(2))}</li>` : line ? `<p>${prose(line)}</p>` : ""))
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(document.info.title)}</title><style>${STYLE}</style></head><body>
<h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>
<p>Base URL: <code>${escapeHtml(basePath)}</code> · Machine-readable: <a href="${escapeHtml(basePath)}/openapi.json">openapi.json</a> (OpenAPI ${escapeHtml(document.openapi)})</p>
<ul>${description}</ul><pre>curl -H "Authorization: Bearer $BOURSE_API_KEY" ${escapeHtml(basePath)}/account/balances</pre>
<nav>${links.join("")}</nav>${sections.join("\n")}</body></html>`;
}
