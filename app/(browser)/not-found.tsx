import Link from "next/link";

export default function NotFoundPage() {
  return (
    <div style={{ padding: "2rem 0" }}>
      <h1 style={{ fontSize: "1.1rem" }}>Not found</h1>
      <p style={{ color: "var(--muted)" }}>There is nothing here that this key may see.</p>
      <Link href="/">Back to the events</Link>
    </div>
  );
}
