/**
 * Invisible formatting characters a log viewer must not obey: bidi embeddings, overrides and
 * isolates (U+202A-202E, U+2066-2069, ALM U+061C, LRM/RLM U+200E-200F), zero-width characters and
 * the BOM. Obeyed, U+202E makes "\u202Egnp.exe" read as "exe.png" (CVE-2021-42574, "Trojan Source").
 */
const CONTROLS = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Shows each such character as a visible `⟨U+202E⟩` marker, so the text reads as it is stored. */
export function revealControls(text: string): string {
  return text.replace(CONTROLS, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`);
}
