/** A UTC timestamp shown unambiguously: compact UTC text, the full UTC value in `dateTime`. */
export function UtcTime({ iso, full = false }: { iso: string; full?: boolean }) {
  const text = full ? iso.replace("T", " ").replace("Z", " UTC") : `${iso.slice(5, 10)} ${iso.slice(11, 23)}`;
  return (
    <time dateTime={iso} title={`${iso} (UTC)`}>
      {text}
    </time>
  );
}
