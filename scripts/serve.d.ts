/** Types for scripts/serve.js (the demo's static server on 127.0.0.1). */
export interface ServerOptions {
  /** Folder served at / (relative to the repository; default dist-demo). */
  root?: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** Further folders, each served below its URL prefix ("/fixtures/"). */
  mounts?: { prefix: string; dir: string }[];
  /** Single files by URL path, added to the data files. */
  files?: Record<string, string>;
}

export interface Server {
  url: string;
  port: number;
  /** Every answered request, in order. */
  requests: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

export const HOST: string;
export function startServer(options?: ServerOptions): Promise<Server>;
/** The data files the demo page may fetch: URL path → file on disk (only those that exist). */
export function dataFiles(): Record<string, string>;
