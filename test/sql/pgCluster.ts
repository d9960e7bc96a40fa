/**
 * A throwaway PostgreSQL cluster for tests: initdb into a fresh temporary directory, start the server listening
 * only on a unix socket inside that directory (no TCP port, so parallel runs cannot collide), connect with `pg`,
 * and stop and delete everything afterwards.
 *
 * Server binaries: the newest /usr/lib/postgresql/<version>/bin (Debian's layout), else initdb/pg_ctl on PATH.
 * PostgreSQL refuses to run as root, so when the tests run as root the server commands run as the `postgres` OS
 * user through `runuser` (Debian's postgresql package creates that user) and the directory is handed to it.
 *
 * When the binaries are missing the start fails with a message naming the apt package; set RFM_SKIP_POSTGRES=1 to
 * skip the PostgreSQL tests on a machine without them (CI must not set it).
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { Client } from "pg";

export const SKIP_POSTGRES = process.env.RFM_SKIP_POSTGRES === "1";

export const MISSING_POSTGRES_MESSAGE =
  "PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or on PATH. " +
  "Install them (Debian/Ubuntu: apt-get install -y --no-install-recommends postgresql), " +
  "or set RFM_SKIP_POSTGRES=1 to skip the PostgreSQL equality tests on this machine.";

/** Directory holding initdb and pg_ctl, or null. */
export function findPostgresBin(): string | null {
  const base = "/usr/lib/postgresql";
  if (fs.existsSync(base)) {
    const versions = fs
      .readdirSync(base)
      .filter((v) => fs.existsSync(path.join(base, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return path.join(base, versions[0], "bin");
  }
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  const found = which.status === 0 ? which.stdout.trim() : "";
  return found && fs.existsSync(path.join(path.dirname(found), "pg_ctl")) ? path.dirname(found) : null;
}

export interface PgCluster {
  client: Client;
  /** A directory the server can read files from (for COPY ... FROM 'file'). */
  dir: string;
  /** Closes the connection, stops the server and deletes the directory. */
  stop(): Promise<void>;
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** Runs a PostgreSQL binary, as the postgres user when we are root. Throws with the command's output on failure. */
function runPg(bin: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  try {
    execFileSync(cmd, argv, { stdio: "pipe", encoding: "utf8" });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${path.basename(bin)} failed: ${err.message}\n${err.stdout ?? ""}${err.stderr ?? ""}`);
  }
}

export async function startCluster(): Promise<PgCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(MISSING_POSTGRES_MESSAGE);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-pg-"));
  const data = path.join(dir, "data");
  if (isRoot()) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    fs.chownSync(dir, uid, gid);
  }
  const port = 5432;
  let started = false;
  const cleanup = (): void => {
    if (started) {
      try {
        runPg(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    runPg(path.join(bin, "initdb"), [
      "-D",
      data,
      "-U",
      "postgres",
      "-A",
      "trust",
      "-E",
      "UTF8",
      "--locale=C",
      "--no-sync",
    ]);
    runPg(path.join(bin, "pg_ctl"), [
      "-D",
      data,
      "-l",
      path.join(dir, "server.log"),
      "-w",
      "-t",
      "60",
      "-o",
      `-k ${dir} -c listen_addresses= -p ${port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      "start",
    ]);
    started = true;
    const client = new Client({ host: dir, port, user: "postgres", database: "postgres" });
    await client.connect();
    return {
      client,
      dir,
      async stop() {
        await client.end().catch(() => undefined);
        cleanup();
      },
    };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** Copies a file into the cluster's directory (gunzipping it when asked) so that the server may read it. */
export function stageFile(cluster: PgCluster, file: string, gzip: boolean, name: string): string {
  const target = path.join(cluster.dir, name);
  const buf = fs.readFileSync(file);
  fs.writeFileSync(target, gzip ? zlib.gunzipSync(buf) : buf);
  fs.chmodSync(target, 0o644);
  return target;
}
