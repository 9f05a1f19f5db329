import { createApiKey } from "../lib/auth/create-api-key";
import { listApiKeys } from "../lib/auth/list-api-keys";
import { revokeApiKey } from "../lib/auth/revoke-api-key";
import { getDatabase } from "../lib/db/get-database";
import { AppError } from "../lib/errors";

const usage = `Usage:
  npm run keys -- create --name NAME --scopes write,read,export,admin [--tenant TENANT]
  npm run keys -- list
  npm run keys -- revoke KEY_ID`;

const [command, ...rest] = process.argv.slice(2);
const flag = (name: string) => {
  const at = rest.indexOf(`--${name}`);
  return at >= 0 ? rest[at + 1] : undefined;
};

const db = await getDatabase();
try {
  if (command === "create") {
    const key = await createApiKey(db, { name: flag("name") ?? "", scopes: (flag("scopes") ?? "").split(",").filter(Boolean) as never, tenant: flag("tenant") });
    console.log(`Created key ${key.id} (${key.name}; scopes ${key.scopes.join(",")}${key.tenant ? `; tenant ${key.tenant}` : ""}).`);
    console.log(`Secret, shown only now:\n\n    ${key.secret}\n`);
  } else if (command === "list") {
    for (const key of await listApiKeys(db)) {
      const state = key.revokedAt ? `revoked ${key.revokedAt}` : "active";
      console.log(`${key.id}  ${key.prefix}…  ${key.name}  [${key.scopes.join(",")}]  tenant=${key.tenant ?? "*"}  ${state}`);
    }
  } else if (command === "revoke" && rest[0]) {
    const key = await revokeApiKey(db, rest[0]);
    console.log(`Revoked ${key.id} (${key.name}) at ${key.revokedAt}.`);
  } else {
    console.error(usage);
    process.exitCode = 2;
  }
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(`${error.message}\n\n${usage}`);
  process.exitCode = 2;
} finally {
  await db.close();
}
