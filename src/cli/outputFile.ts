/**
 * Writing the one file a command names with `--out`, and nothing else.
 *
 * Rules (each one answers a way a careless path could destroy data):
 * - The output may not be one of the command's inputs: the same file by path, by another spelling of the path, through
 *   a symbolic link or as a hard link (compared by device and inode). Refused before anything is read or written.
 * - A regular file is replaced atomically: the text goes to a temporary file in the same folder, which is renamed over
 *   the target, so a failure never leaves a half-written file. The new file keeps the old one's permission bits (a
 *   private 600 customer list stays private) and, where the process may, its owner.
 * - A read-only regular file is refused, even for a user (root) who could replace it.
 * - A symbolic link is followed: its target is written and the link is kept.
 * - Anything that is not a regular file (a device such as /dev/null or /dev/stdout, a FIFO, a socket) is written
 *   directly, never replaced by a regular file.
 * - A folder, or a path whose folder does not exist, is refused.
 */
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "./args";

/** Device and inode of a path after following symbolic links, or null when nothing is there. */
function identity(file: string): { dev: number; ino: number } | null {
  try {
    const st = fs.statSync(file);
    return { dev: st.dev, ino: st.ino };
  } catch {
    return null;
  }
}

/**
 * Refuses an output path that is (or leads to) one of the inputs.
 *
 * @param out the output path as the user gave it
 * @param inputs every file the command reads (data, scheme, mapping files); undefined entries are skipped
 * @throws UsageError naming both paths when the output is an input
 */
export function assertNotAnInput(out: string, inputs: readonly (string | undefined)[]): void {
  const target = identity(out);
  for (const input of inputs) {
    if (input === undefined || input === "-") continue;
    const same =
      path.resolve(out) === path.resolve(input) ||
      (target !== null &&
        (() => {
          const id = identity(input);
          return id !== null && id.dev === target.dev && id.ino === target.ino;
        })());
    if (same) {
      throw new UsageError(
        `--out ${out} is the input file ${input}: writing it would destroy the data. ` +
          "Choose another output file name.",
      );
    }
  }
}

/** The file a path finally names, after following symbolic links (the path itself when it does not exist). */
function finalTarget(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    // Nothing there, or a dangling link: a dangling link's target is created where the link points.
    try {
      const link = fs.readlinkSync(file);
      return path.resolve(path.dirname(file), link);
    } catch {
      return file;
    }
  }
}

function reason(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/**
 * Writes `text` to the output file under the rules above.
 *
 * @param file the output path (not `-`: the caller writes standard output itself)
 * @param text the whole file content
 * @param inputs the command's input files, which are never written
 * @throws UsageError when the path is an input, a folder, read-only, in a missing folder, or the write fails;
 *   the target is then untouched
 */
export function writeOutputFile(file: string, text: string, inputs: readonly (string | undefined)[] = []): void {
  assertNotAnInput(file, inputs);
  const target = finalTarget(file);
  let st: fs.Stats | null = null;
  try {
    st = fs.statSync(target);
  } catch {
    st = null;
  }
  if (st?.isDirectory()) throw new UsageError(`Cannot write ${file}: it is a folder.`);
  if (st !== null && !st.isFile()) {
    // A device, FIFO or socket: write into it; replacing it would turn /dev/null into a regular file.
    try {
      fs.writeFileSync(target, text);
    } catch (e) {
      throw new UsageError(`Cannot write ${file} (${reason(e)}).`);
    }
    return;
  }
  const dir = path.dirname(path.resolve(target));
  if (!fs.existsSync(dir)) throw new UsageError(`Cannot write ${file}: the folder ${dir} does not exist.`);
  if (st !== null && (st.mode & 0o222) === 0) {
    throw new UsageError(`Cannot write ${file}: the file is read-only. Choose another name or make it writable.`);
  }
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, text, { mode: st !== null ? st.mode & 0o7777 : 0o666 });
    if (st !== null) {
      // writeFileSync's mode is filtered by the umask; set the old bits exactly, and the old owner where allowed.
      fs.chmodSync(tmp, st.mode & 0o7777);
      try {
        fs.chownSync(tmp, st.uid, st.gid);
      } catch {
        // Only a privileged process may give a file away; the permission bits are what protect it.
      }
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    throw new UsageError(`Cannot write ${file} (${reason(e)}).`);
  }
}
