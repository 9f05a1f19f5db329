import { describe, expect, it } from "vitest";
import { subjectOf } from "./publish-to-nats";

describe("subjectOf", () => {
  it("writes <prefix>.<tenant>.<type>, the type's dots making tokens, _ for no tenant", () => {
    expect(subjectOf("trailbook", { tenant: "acme", type: "Order.Placed" })).toBe("trailbook.acme.Order.Placed");
    expect(subjectOf("tb", { tenant: null, type: "user.login" })).toBe("tb._.user.login");
    expect(subjectOf("tb", { tenant: "a-b_c", type: "x:y/z" })).toBe("tb.a-b_c.x:y/z");
  });

  it("keeps a tenant one token, so no two tenants' events share a subject", () => {
    const dotted = subjectOf("tb", { tenant: "acme.eu", type: "Order" });
    expect(dotted).toBe("tb.acme%2Eeu.Order");
    expect(dotted).not.toBe(subjectOf("tb", { tenant: "acme", type: "eu.Order" }));
  });

  it("tells a tenant or token named _ from no tenant and from an empty token", () => {
    expect(subjectOf("tb", { tenant: "_", type: "T" })).toBe("tb.%5F.T");
    expect(subjectOf("tb", { tenant: null, type: "a.._" })).toBe("tb._.a._.%5F");
    expect(subjectOf("tb", { tenant: null, type: ".a." })).toBe("tb._._.a._");
  });
});
