/**
 * The repository root (the folder holding package.json). Paths are resolved from this file's folder, which is
 * `src/cli` (ts-node, jest) or `lib/cli` (compiled): both are two levels below the root. A module of its own so that
 * `rfm --version` can find package.json without loading the data-file readers.
 */
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
