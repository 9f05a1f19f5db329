import { expect, it } from "vitest";
import { writerLabel } from "./writer-label";

const id = "4e633902-0e42-4e96-a9f2-bca8d6119309";

it("names the key, with its id on hover", () => {
  expect(writerLabel(id, "billing service")).toEqual({ text: "billing service", title: `key ${id}` });
});

it("shows the id when the name is not known, the bootstrap token by what it is, and unknown for none", () => {
  expect(writerLabel(id, null)).toEqual({ text: id, title: `key ${id}` });
  expect(writerLabel("bootstrap-token", null)).toEqual({ text: "bootstrap token", title: "TRAILBOOK_ADMIN_TOKEN" });
  expect(writerLabel(null, null)).toEqual({ text: "unknown" });
});
