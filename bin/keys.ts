// `npm run keys -- create|list|revoke`: manages API keys in the configured database (README, Keys).
import { createApiKey } from "../lib/auth/create-api-key";
import { listApiKeys } from "../lib/auth/list-api-keys";
import { revokeApiKey } from "../lib/auth/revoke-api-key";
import { parseSubcommand } from "../lib/cli/parse-command-line";
import { runCommand } from "../lib/cli/run-command";
import { getDatabase } from "../lib/db/get-database";
import { ValidationError } from "../lib/errors";
import { rotateSigningKey } from "../lib/integrity/rotate-signing-key";

const usage = `npm run keys -- create --name NAME --scopes write,read,export,admin [--tenant TENANT] [--rate-limit N]
npm run keys -- list
npm run keys -- revoke KEY_ID
npm run keys -- rotate-signing [--lost-key]`;

await runCommand(async () => {
  const args = parseSubcommand(usage, {
    create: {
      options: {
        name: { type: "string" },
        scopes: { type: "string" },
        tenant: { type: "string" },
        "rate-limit": { type: "string" },
      },
    },
    list: {},
    revoke: { positionals: ["KEY_ID"] },
    "rotate-signing": { options: { "lost-key": { type: "boolean" } } },
  });
  if (args.command === "create" && (!args.values.name || !args.values.scopes)) {
    args.fail("create needs --name and --scopes");
  }
  const db = await getDatabase();
  try {
    if (args.command === "create") {
      const { name = "", scopes = "", tenant, "rate-limit": rate } = args.values;
      // A name, scope or limit the key rules reject is a mistyped command line: usage and exit code 2.
      const rateLimit =
        rate === undefined ? undefined : /^\d+$/.test(rate) ? Number(rate) : args.fail("--rate-limit N");
      const request = { name, scopes: scopes.split(",").filter(Boolean) as never, tenant, rateLimit };
      const key = await createApiKey(db, request).catch((error: unknown) =>
        error instanceof ValidationError ? args.fail(error.message) : Promise.reject(error),
      );
      const limitNote = key.rateLimit === null ? "" : `; ${key.rateLimit || "unlimited"}/s`;
      const tenantNote = `${key.tenant ? `; tenant ${key.tenant}` : ""}${limitNote}`;
      console.log(`Created key ${key.id} (${key.name}; scopes ${key.scopes.join(",")}${tenantNote}).`);
      console.log(`Secret, shown only now:\n\n    ${key.secret}\n`);
    } else if (args.command === "list") {
      for (const key of await listApiKeys(db)) {
        const state = key.revokedAt ? `revoked ${key.revokedAt}` : "active";
        const scopes = key.scopes.join(",");
        const limit = key.rateLimit === null ? "default" : key.rateLimit === 0 ? "unlimited" : `${key.rateLimit}/s`;
        console.log(
          `${key.id}  ${key.prefix}…  ${key.name}  [${scopes}]  tenant=${key.tenant ?? "*"}  rate=${limit}  ${state}`,
        );
      }
    } else if (args.command === "rotate-signing") {
      const rotation = await rotateSigningKey(db, { lostKey: Boolean(args.values["lost-key"]) });
      const from = rotation.retired ? `key ${rotation.retired}` : "a key declared lost";
      console.log(`Rotated the signing key from ${from} to ${rotation.current.keyId} (${rotation.keyFile}).`);
      console.log(`Tree head ${rotation.head?.seq ?? "-"} is the first signed by the new key.`);
      if (rotation.updateEnvironment) {
        console.log(`Set TRAILBOOK_SIGNING_KEY to the contents of ${rotation.keyFile} before starting the server.`);
      }
    } else {
      const key = await revokeApiKey(db, args.positionals.KEY_ID);
      console.log(`Revoked ${key.id} (${key.name}) at ${key.revokedAt}.`);
    }
  } finally {
    await db.close();
  }
});
