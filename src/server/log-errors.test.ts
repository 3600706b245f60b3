import { describe, expect, it } from "vitest";
import { serializeError, withoutQueryText } from "./log-errors";

const failedQuery = () =>
  Object.assign(new Error('Failed query: select "password_hash" from "users" where "email" = $1\nparams: alice@example.com'), {
    cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
  });

describe("error logging", () => {
  it("keeps a failed query's cause and stack but not its statement or parameters", () => {
    const logged = JSON.stringify(serializeError(failedQuery()));
    expect(logged).not.toContain("password_hash");
    expect(logged).not.toContain("alice@example.com");
    expect(logged).toContain("statement and parameters withheld");
    expect(logged).toContain("ECONNREFUSED");
    expect(logged).toContain("log-errors.test.ts");
  });

  it("leaves other messages alone, and what is not an Error as it is", () => {
    expect(withoutQueryText("Connection terminated unexpectedly")).toBe("Connection terminated unexpectedly");
    expect(withoutQueryText("Failed query: rollback\nparams: \nnext line")).toBe(
      "Failed query (statement and parameters withheld from logs)\nnext line",
    );
    expect(serializeError("plain")).toBe("plain");
  });
});
