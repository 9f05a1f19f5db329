import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

/** An address no route matches (outside the browser's layout): still one main landmark and a way back. */
export default function NotFound() {
  return (
    <main style={{ maxWidth: "40rem", margin: "4rem auto", padding: "0 1rem" }}>
      <h1 style={{ fontSize: "1.1rem" }}>Not found</h1>
      <p style={{ color: "var(--muted)" }}>There is no page at this address.</p>
      <Link href="/">Back to the events</Link>
    </main>
  );
}
