/** Types for scripts/manifest/manifest-check.js (offline structural check of the add-in manifest). */
export interface ValidateOptions {
  rootDir?: string;
  manifestPath?: string;
  /** Manifest text to check instead of reading manifestPath. */
  xml?: string;
  /** Build output to resolve URLs in; undefined = rootDir/dist when it exists; null = the source files. */
  distDir?: string | null;
  baseUrl?: string;
  /** Look for each ExecuteFunction name in the code (default true). */
  checkActions?: boolean;
}

export interface ManifestInfo {
  mode: string;
  /** The URL prefix mapped to the served folder. */
  baseUrl?: string;
  id?: string;
  version?: string;
  displayName?: string;
  requirements?: string;
  runtime?: string;
  namespace?: string;
  metadataUrl?: string;
  functionNames: string[];
  taskpaneIds: string[];
  controls: string[];
  urlsResolved: number;
}

export interface ValidateResult {
  ok: boolean;
  problems: string[];
  warnings: string[];
  info: ManifestInfo;
  summary: string;
}

export function validateManifest(options?: ValidateOptions): ValidateResult;
export function pngSize(file: string): { width: number; height: number } | null;
export const DEFAULT_BASE_URL: string;
export const EMITTED_FROM: Record<string, string>;
