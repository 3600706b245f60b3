import pino from "pino";
import { getEnv } from "@/env";
import { serializeError } from "./log-errors";

/** Structured JSON logs. Child loggers carry a request id so one call's lines can be found together. */
export const logger = pino({
  level: getEnv().LOG_LEVEL,
  base: { service: "bourse" },
  serializers: { err: serializeError },
  redact: { paths: ["password", "*.password", "authorization", "*.authorization", "apiKey", "*.apiKey"], remove: true },
});
