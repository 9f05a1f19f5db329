import { expect, it } from "vitest";
import { writerLabel } from "./writer-label";

const id = "4e633902-0e42-4e96-a9f2-bca8d6119309";

it("names the key, with its id on hover", () => {
  expect(writerLabel(id, "billing service")).toEqual({ text: "billing service", title: `key ${id}` });
});

it("shows the id when the name is not known, the bootstrap token and the command line by what they are", () => {
  expect(writerLabel(id, null)).toEqual({ text: id, title: `key ${id}` });
  expect(writerLabel("bootstrap-token", null)).toEqual({ text: "bootstrap token", title: "TRAILBOOK_ADMIN_TOKEN" });
  expect(writerLabel("cli", null)).toEqual({
    text: "cli",
    title: "a command run with the database's credentials (npm run seed)",
  });
});

it("says an event without a writer is not attested, not that it predates writers", () => {
  expect(writerLabel(null, null)).toEqual({ text: "not attested" });
});
