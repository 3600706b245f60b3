import { handleRestRequest } from "@/server/http/rest-handler";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The REST API, its OpenAPI document (/api/v1/openapi.json) and docs page (/api/v1/docs). */
export {
  handleRestRequest as GET,
  handleRestRequest as POST,
  handleRestRequest as PATCH,
  handleRestRequest as DELETE,
  handleRestRequest as HEAD,
};
