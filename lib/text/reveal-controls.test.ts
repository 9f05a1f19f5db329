import { expect, it } from "vitest";
import { revealControls } from "./reveal-controls";

it("shows bidi overrides and zero-width characters as markers and leaves other text alone", () => {
  expect(revealControls("\u202Egnp.exe")).toBe("⟨U+202E⟩gnp.exe");
  expect(revealControls("a\u200Bb\u2066c\u2069\uFEFF")).toBe("a⟨U+200B⟩b⟨U+2066⟩c⟨U+2069⟩⟨U+FEFF⟩");
  expect(revealControls("שלום, مرحبا, 日本, emoji 💥, combining é")).toBe("שלום, مرحبا, 日本, emoji 💥, combining é");
});
