import { describe, expect, it } from "vitest";
import { isPublicAddress } from "./public-address";

describe("[NEWS] which addresses a feed may point at", () => {
  it("refuses loopback, private, link-local, metadata and reserved addresses in both families", () => {
    const refused = [
      "127.0.0.1",
      "127.8.9.10",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "fd12:3456::1",
      "fe80::1",
      "64:ff9b::7f00:1",
      "2002:7f00:1::1",
      "not an address",
      "",
    ];
    for (const address of refused) expect(isPublicAddress(address), address).toBe(false);
  });

  it("accepts public addresses", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});
