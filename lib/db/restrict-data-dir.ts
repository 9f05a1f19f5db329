import "server-only";
import fs from "node:fs";
import path from "node:path";

/**
 * Makes the embedded database's directory private to this user, as PostgreSQL does with its own:
 * the directory 0700, which alone keeps every other user out of everything below it, and every
 * file already in it 0600 (PGlite creates its files 0666, whatever the umask; an older version left
 * them so). The data directory also holds the signing key, the keyring and the witness.
 */
export function restrictDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const walk = (dir: string) => {
    fs.chmodSync(dir, 0o700);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) fs.chmodSync(full, entry.name.endsWith(".pub.pem") ? 0o644 : 0o600);
    }
  };
  walk(dataDir);
}
