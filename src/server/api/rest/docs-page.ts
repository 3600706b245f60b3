import type { OpenAPIObject } from "trpc-to-openapi";

/**
 * A self-contained reference page rendered from the OpenAPI document: no script, no CDN, so it
 * works on an offline instance and cannot drift from the document. Other tools (Swagger UI,
 * Redoc, code generators) can load /api/v1/openapi.json directly.
 */

type Json = Record<string, unknown>;
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

const escape = (text: unknown) =>
  String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
/** Inline code spans only: the descriptions are ours, but still escaped first. */
const prose = (text: unknown) => escape(text).replace(/`([^`]+)`/g, "<code>$1</code>").replace(/\*\*([^*]+)\*\*/g, "<b>$1</b>");

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
      return `<tr><td><code>${escape(name)}</code>${required.has(name) ? " *" : ""}</td><td>${escape(typeOf(field))}</td><td>${prose(detail)}</td></tr>`;
    })
    .join("");
}

function parameters(operation: Json): string {
  const list = Array.isArray(operation.parameters) ? operation.parameters.filter(isObject) : [];
  if (list.length === 0) return "";
  const rows = list
    .map(
      (p) =>
        `<tr><td><code>${escape(p.name)}</code>${p.required ? " *" : ""}</td><td>${escape(p.in)} · ${escape(typeOf(p.schema))}</td><td>${prose(p.description ?? (isObject(p.schema) ? p.schema.description : ""))}</td></tr>`,
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
    .map(([status, r]) => `<li><b>${escape(status)}</b> ${prose(isObject(r) ? r.description : "")}</li>`)
    .join("");
  const secured = Array.isArray(operation.security) && operation.security.length > 0;
  return `<section id="${escape(operation.operationId)}">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code>${secured ? ' <span class="lock">API key</span>' : ""}</h3>
<p>${prose(operation.summary)} · <code>${escape(operation.operationId)}</code></p>${operation.description ? `<p>${prose(operation.description)}</p>` : ""}
${parameters(operation)}${body ? `<h4>Body (JSON)</h4><table>${fieldRows(body)}</table>` : ""}
<h4>Response 200: ${escape(typeOf(success))}</h4>${successFields ? `<table>${successFields}</table>` : ""}
<details><summary>Full response schema</summary><pre>${escape(JSON.stringify(success, null, 2))}</pre></details>
<ul class="errors">${errors}</ul></section>`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b1f24;background:#fff}
@media (prefers-color-scheme:dark){body{color:#e6e6e6;background:#111}table td{border-color:#333}pre{background:#1c1c1c}}
code{font:13px ui-monospace,monospace}pre{background:#f4f4f4;padding:.5rem;overflow:auto;max-height:24rem}
table{border-collapse:collapse;width:100%;margin:.25rem 0}td{border-top:1px solid #ddd;padding:.25rem .5rem;vertical-align:top}
.m{font:bold 12px ui-monospace,monospace;padding:.1rem .4rem;border-radius:4px;color:#fff}.get{background:#2563eb}.post{background:#16a34a}
.patch{background:#b45309}.delete{background:#dc2626}.lock{font-size:12px;border:1px solid currentColor;border-radius:4px;padding:0 .3rem}
section{border-top:2px solid #8884;padding-top:.5rem;margin-top:1.5rem}.errors{font-size:13px}nav a{margin-right:.75rem}`;

export function renderDocsPage(document: OpenAPIObject, basePath: string): string {
  const sections: string[] = [];
  const links: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation: unknown = (item as Json)[method];
      if (!isObject(operation)) continue;
      sections.push(operationHtml(method, path, operation));
      links.push(`<a href="#${escape(operation.operationId)}">${escape(operation.operationId)}</a>`);
    }
  }
  const description = (document.info.description ?? "")
    .split("\n")
    .map((line) => (line.startsWith("- ") ? `<li>${prose(line.slice(2))}</li>` : line ? `<p>${prose(line)}</p>` : ""))
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(document.info.title)}</title><style>${STYLE}</style></head><body>
<h1>${escape(document.info.title)} <small>${escape(document.info.version)}</small></h1>
<p>Base URL: <code>${escape(basePath)}</code> · Machine-readable: <a href="${escape(basePath)}/openapi.json">openapi.json</a> (OpenAPI ${escape(document.openapi)})</p>
<ul>${description}</ul><pre>curl -H "Authorization: Bearer $BOURSE_API_KEY" ${escape(basePath)}/account/balances</pre>
<nav>${links.join("")}</nav>${sections.join("\n")}</body></html>`;
}
