// `npm run verify-export -- [export] FILE | receipt FILE | consistency --old A --new B --proof P` with
// `--public-key KEY` (lib/verifier/cli.ts). Checks exports, receipts and tree heads without any
// database. Exit code 0 when it verifies, 1 when it does not, 2 for a command line it cannot run.
// Outside a checkout the same verifier is one file: GET /api/verifier → node trailbook-verify.mjs.
import { runCommand } from "../lib/cli/run-command";
import { runVerifier } from "../lib/verifier/cli";

await runCommand(() => runVerifier(process.argv.slice(2), "npm run verify-export --"));
