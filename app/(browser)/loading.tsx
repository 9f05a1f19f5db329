export default function Loading() {
  return (
    <p role="status" aria-busy="true" style={{ color: "var(--muted)", padding: "2rem 0" }}>
      Loading…
    </p>
  );
}
