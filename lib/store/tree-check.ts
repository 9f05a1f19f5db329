import { createHash, hash as oneShotHash } from "node:crypto";

/**
 * The Merkle tree a whole-log verification rebuilds from the log's leaves, one leaf at a time in
 * log order: the frontier of appendLeaves (merkle-frontier.ts) without its per-call checks and
 * copies, which cost more than the hashing at a million leaves. For each leaf it returns the
 * merkle_nodes row the store must hold for it, as PostgreSQL writes the text[] (`{h0,h1,…}`, hex by
 * level), and it keeps the roots of the sizes asked for. merkle-check tests compare it with
 * appendLeaves, merkleRows and frontierRoot.
 *
 * Hashes are kept as hex, the form the rows need: hashing into hex and decoding into the one input
 * buffer costs less than a Buffer per node.
 */
export class TreeCheck {
  /** The frontier, oldest (largest) subtree first: its levels and hashes (hex). */
  private readonly levels: number[] = [];
  private readonly hashes: string[] = [];
  private size = 0;
  /** 0x01 ‖ left ‖ right, reused for every interior node. */
  private readonly nodeInput = Buffer.alloc(65, 1);
  readonly roots = new Map<number, string>();

  constructor(private readonly wanted: ReadonlySet<number>) {}

  /** Appends `count` 32-byte leaf hashes; returns each leaf's merkle_nodes row as text. */
  add(leaves: Uint8Array, count: number): string[] {
    const rows = new Array<string>(count);
    const leafHex = Buffer.from(leaves.buffer, leaves.byteOffset, count * 32).toString("hex");
    for (let i = 0; i < count; i++) {
      let hash = leafHex.slice(i * 64, i * 64 + 64);
      let level = 0;
      let row = `{${hash}`;
      // A complete left sibling on the frontier merges with the new node into their parent.
      while (this.levels.length > 0 && this.levels.at(-1) === level) {
        this.levels.pop();
        hash = this.nodeHash(this.hashes.pop()!, hash);
        level++;
        row += `,${hash}`;
      }
      this.levels.push(level);
      this.hashes.push(hash);
      this.size++;
      if (this.wanted.has(this.size)) this.roots.set(this.size, this.root());
      rows[i] = `${row}}`;
    }
    return rows;
  }

  /** MTH of the tree so far (size ≥ 1): the right fold of the frontier, hex. */
  private root(): string {
    let root = this.hashes.at(-1)!;
    for (let i = this.hashes.length - 2; i >= 0; i--) root = this.nodeHash(this.hashes[i]!, root);
    return root;
  }

  /** SHA-256(0x01 ‖ left ‖ right) of two hex hashes, as nodeHash (merkle-hash.ts) computes it; hex. */
  private nodeHash(left: string, right: string): string {
    this.nodeInput.write(left, 1, 32, "hex");
    this.nodeInput.write(right, 33, 32, "hex");
    return typeof oneShotHash === "function"
      ? oneShotHash("sha256", this.nodeInput, "hex")
      : createHash("sha256").update(this.nodeInput).digest("hex");
  }
}
